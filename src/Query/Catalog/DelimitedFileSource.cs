using System.IO.Compression;
using System.Text;
using Olap.Columnar.Format;
using Olap.Columnar.Text;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Catalog;

/// <summary>
/// A CSV or dbgen <c>.tbl</c> file queried in place. Its layout is sniffed from the first lines as DuckDB's
/// read_csv does: the delimiter that splits lines most consistently, a header when the first line does not fit the
/// column types of the rest, and per column the narrowest of BIGINT, DOUBLE, DATE, TIMESTAMP, BOOLEAN, VARCHAR.
/// The file is read in one stream (one morsel); filters are evaluated above the scan.
/// </summary>
public sealed class DelimitedFileSource : ITableSource
{
    private const int SampleBytes = 1 << 18;
    private const int SampleLines = 2048;

    private readonly string _path;
    private readonly DelimitedTextOptions _options;

    private DelimitedFileSource(string path, IReadOnlyList<ColumnDefinition> columns, DelimitedTextOptions options, long estimatedRows)
    {
        _path = path;
        Columns = columns;
        _options = options;
        EstimatedRowCount = estimatedRows;
        Name = System.IO.Path.GetFileName(path);
    }

    public string Name { get; }

    public IReadOnlyList<ColumnDefinition> Columns { get; }

    public IReadOnlyList<SortKeyColumn> SortKey => [];

    public long EstimatedRowCount { get; }

    public bool EvaluatesFilters => false;

    public DelimitedTextOptions Options => _options;

    public static DelimitedFileSource Open(string path)
    {
        var lines = ReadSample(path, out var averageLineBytes);
        if (lines.Count == 0)
        {
            throw new QueryException($"'{path}': the file is empty, so its columns cannot be told");
        }

        var delimiter = ChooseDelimiter(lines);
        var rows = lines.Select(l => Split(l, delimiter)).ToList();
        var width = rows.GroupBy(r => r.Count).MaxBy(g => g.Count())!.Key;

        // dbgen ends every line with the delimiter: a last field that is always empty is not a column.
        if (width > 1 && rows.Where(r => r.Count == width).All(r => r[^1].Length == 0))
        {
            width--;
        }

        var body = rows.Skip(1).ToList();
        var types = new ColumnType[width];
        for (var c = 0; c < width; c++)
        {
            types[c] = InferType(body.Select(r => c < r.Count ? r[c] : string.Empty));
        }

        var first = rows[0];
        var header = rows.Count > 1 && LooksLikeHeader(first, types, body, width);
        if (!header)
        {
            for (var c = 0; c < width; c++)
            {
                types[c] = Widen(types[c], c < first.Count ? first[c] : string.Empty);
            }
        }

        var columns = new ColumnDefinition[width];
        for (var c = 0; c < width; c++)
        {
            var name = header && c < first.Count && first[c].Length > 0 ? first[c] : $"column{c}";
            columns[c] = new ColumnDefinition(name, types[c]);
        }

        var size = new FileInfo(path).Length;
        var estimate = averageLineBytes > 0 ? (long)(size / averageLineBytes) : lines.Count;
        return new DelimitedFileSource(path, columns, new DelimitedTextOptions { Delimiter = delimiter, Header = header }, Math.Max(1, estimate));
    }

    public IReadOnlyList<ScanMorsel> GetMorsels() => [new ScanMorsel(0, 0, 1)];

    public ITableScan OpenScan(ScanMorsel morsel, IReadOnlyList<int> columns, IReadOnlyList<ScanFilter> filters)
        => new DelimitedScan(DelimitedTextReader.Open(_path, Columns, _options), columns);

    private sealed class DelimitedScan(DelimitedTextReader reader, IReadOnlyList<int> columns) : ITableScan
    {
        private readonly DataChunk _all = reader.CreateChunk();

        public int RowGroupsScanned => 0;

        public int RowGroupsSkipped => 0;

        public bool Next(DataChunk chunk)
        {
            try
            {
                if (!reader.ReadChunk(_all))
                {
                    return false;
                }
            }
            catch (DelimitedTextException error)
            {
                throw new QueryException(error.Message, error);
            }

            for (var i = 0; i < columns.Count; i++)
            {
                chunk.Columns[i] = _all.Columns[columns[i]];
            }

            chunk.SetCount(_all.Count);
            return true;
        }

        public void Dispose() => reader.Dispose();
    }

    private static List<string> ReadSample(string path, out double averageLineBytes)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = new List<string>();
        long bytes = 0;
        while (lines.Count < SampleLines && bytes < SampleBytes && reader.ReadLine() is { } line)
        {
            bytes += line.Length + 1;
            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        // Compressed files are larger than they look; the estimate only guides join order.
        averageLineBytes = lines.Count == 0 ? 0 : (double)bytes / lines.Count / (stream is GZipStream ? 4 : 1);
        return lines;
    }

    private static char ChooseDelimiter(List<string> lines)
    {
        var best = ',';
        var bestScore = -1.0;
        foreach (var candidate in ",|\t;")
        {
            var counts = lines.Select(l => Split(l, candidate).Count).ToList();
            var mode = counts.GroupBy(c => c).MaxBy(g => g.Count())!;
            if (mode.Key < 2)
            {
                continue;
            }

            var score = (double)mode.Count() / counts.Count * Math.Log(mode.Key + 1);
            if (score > bestScore)
            {
                best = candidate;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>Splits a line on the delimiter, honouring double quotes (a doubled quote inside is one quote).</summary>
    private static List<string> Split(string line, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }

        fields.Add(field.ToString().TrimEnd('\r'));
        return fields;
    }

    private static readonly ColumnType[] s_candidates = [ColumnType.BigInt, ColumnType.Double, ColumnType.Date, ColumnType.Timestamp, ColumnType.Boolean];

    private static ColumnType InferType(IEnumerable<string> values)
    {
        var possible = new List<ColumnType>(s_candidates);
        var any = false;
        foreach (var value in values)
        {
            if (value.Length == 0)
            {
                continue;
            }

            any = true;
            possible.RemoveAll(t => !Fits(t, value));
            if (possible.Count == 0)
            {
                return ColumnType.Varchar;
            }
        }

        return any ? possible[0] : ColumnType.Varchar;
    }

    private static ColumnType Widen(ColumnType type, string value)
    {
        if (value.Length == 0 || Fits(type, value))
        {
            return type;
        }

        var index = Array.IndexOf(s_candidates, type);
        for (var i = Math.Max(0, index + 1); i < s_candidates.Length; i++)
        {
            if (Fits(s_candidates[i], value))
            {
                return s_candidates[i];
            }
        }

        return ColumnType.Varchar;
    }

    private static bool Fits(ColumnType type, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return type.Id switch
        {
            LogicalTypeId.BigInt => FieldParser.ParseInteger(bytes, long.MinValue, long.MaxValue, out _) == FieldParseResult.Ok,
            LogicalTypeId.Double => FieldParser.TryParseDouble(bytes, out _),
            LogicalTypeId.Date => FieldParser.TryParseDate(bytes, out _),
            LogicalTypeId.Timestamp => FieldParser.TryParseTimestamp(bytes, out _),
            LogicalTypeId.Boolean => FieldParser.TryParseBoolean(bytes, out _),
            _ => true,
        };
    }

    private static bool LooksLikeHeader(List<string> first, ColumnType[] types, List<List<string>> body, int width)
    {
        if (first.Take(width).Any(f => f.Length == 0))
        {
            return false;
        }

        // A typed column whose first value does not parse as its type: the first line names the columns.
        for (var c = 0; c < width && c < first.Count; c++)
        {
            if (types[c].Id != LogicalTypeId.Varchar && !Fits(types[c], first[c]))
            {
                return true;
            }
        }

        // All text: a header when none of its values appears again in its column.
        return types.All(t => t.Id == LogicalTypeId.Varchar)
            && Enumerable.Range(0, Math.Min(width, first.Count)).All(c => body.All(r => c >= r.Count || r[c] != first[c]));
    }
}
