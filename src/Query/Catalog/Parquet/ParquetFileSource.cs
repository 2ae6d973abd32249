using Olap.Columnar.Format;
using Olap.Columnar.Types;
using ParquetSharp;

namespace Olap.Query.Catalog.Parquet;

/// <summary>
/// Parquet files queried in place (<c>FROM 'x.parquet'</c>, <c>read_parquet('dir/**/*.parquet', hive_partitioning = true)</c>).
/// Every row group of every file is a morsel, so workers read row groups in parallel; a scan reads only the projected
/// columns, skips row groups whose statistics rule its filters out (and whole files whose partition values do),
/// and evaluates the filters on the decoded batches. With hive partitioning the <c>key=value</c> directories become
/// columns after the file's own.
/// </summary>
public sealed class ParquetFileSource : ITableSource, IDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentBag<ParquetFileReader>[] _readers;
    private readonly IReadOnlyList<ParquetFile> _files;
    private readonly IReadOnlyList<ParquetColumnKind> _fileColumns;
    private readonly IReadOnlyList<ScalarValue[]> _partitionValues;
    private readonly IReadOnlyList<long[]> _rowGroupRows;

    private ParquetFileSource(string name, IReadOnlyList<ParquetFile> files, IReadOnlyList<ParquetColumnKind> fileColumns, IReadOnlyList<ColumnDefinition> partitions, IReadOnlyList<long[]> rowGroupRows)
    {
        Name = name;
        _files = files;
        _fileColumns = fileColumns;
        _rowGroupRows = rowGroupRows;
        Columns = [.. fileColumns.Select(c => new ColumnDefinition(c.Name, c.Type)), .. partitions];
        _partitionValues = [.. files.Select(f => f.PartitionValues.Select((v, i) => ParquetFiles.Value(v, partitions[i].Type)).ToArray())];
        EstimatedRowCount = rowGroupRows.Sum(r => r.Sum());
        _readers = [.. files.Select(_ => new System.Collections.Concurrent.ConcurrentBag<ParquetFileReader>())];
    }

    public string Name { get; }

    public IReadOnlyList<ColumnDefinition> Columns { get; }

    public IReadOnlyList<SortKeyColumn> SortKey => [];

    public long EstimatedRowCount { get; }

    public bool EvaluatesFilters => true;

    /// <summary>The files read, in order.</summary>
    public IReadOnlyList<string> Files => [.. _files.Select(f => f.Path)];

    /// <summary>Opens the files a path or glob names; their schemas must agree (same column names and types, in order).</summary>
    public static ParquetFileSource Open(string pattern, bool hivePartitioning = false)
    {
        var paths = ParquetFiles.Expand(pattern);
        var partitionKeys = hivePartitioning ? ParquetFiles.Partitions(paths[0]).Select(p => p.Key).ToList() : [];
        var files = new List<ParquetFile>(paths.Count);
        foreach (var path in paths)
        {
            IReadOnlyList<string?> values = [];
            if (hivePartitioning)
            {
                var partitions = ParquetFiles.Partitions(path);
                if (!partitions.Select(p => p.Key).SequenceEqual(partitionKeys, StringComparer.Ordinal))
                {
                    throw new QueryException($"'{path}': its partition directories ({string.Join("/", partitions.Select(p => p.Key + "="))}) differ from the first file's ({string.Join("/", partitionKeys.Select(k => k + "="))})");
                }

                values = [.. partitions.Select(p => p.Value)];
            }

            files.Add(new ParquetFile(path, values));
        }

        IReadOnlyList<ParquetColumnKind>? columns = null;
        var rowGroupRows = new List<long[]>(files.Count);
        foreach (var file in files)
        {
            using var reader = OpenReader(file.Path);
            using var metadata = reader.FileMetaData;
            var kinds = ReadKinds(metadata, file.Path);
            if (columns is null)
            {
                columns = kinds;
            }
            else if (!kinds.Select(k => (k.Name, k.Type)).SequenceEqual(columns.Select(k => (k.Name, k.Type))))
            {
                throw new QueryException($"'{file.Path}': its columns ({Describe(kinds)}) differ from those of '{files[0].Path}' ({Describe(columns)})");
            }

            var rows = new long[metadata.NumRowGroups];
            for (var g = 0; g < rows.Length; g++)
            {
                using var group = reader.RowGroup(g);
                rows[g] = group.MetaData.NumRows;
            }

            rowGroupRows.Add(rows);
        }

        var partitionColumns = partitionKeys
            .Where(key => !columns!.Any(c => string.Equals(c.Name, key, StringComparison.OrdinalIgnoreCase)))
            .Select(key => new ColumnDefinition(key, ParquetFiles.InferType(files.Select(f => f.PartitionValues[partitionKeys.IndexOf(key)]))))
            .ToList();
        if (partitionColumns.Count != partitionKeys.Count)
        {
            // A key that is also a file column keeps the file's values; its directory level is not a column.
            var kept = partitionKeys.Select((key, i) => (key, i)).Where(k => partitionColumns.Any(c => c.Name == k.key)).Select(k => k.i).ToList();
            files = [.. files.Select(f => f with { PartitionValues = [.. kept.Select(i => f.PartitionValues[i])] })];
        }

        var name = ParquetFiles.IsGlob(pattern) ? pattern : Path.GetFileName(pattern);
        return new ParquetFileSource(name, files, columns!, partitionColumns, rowGroupRows);
    }

    public IReadOnlyList<ScanMorsel> GetMorsels()
    {
        var morsels = new List<ScanMorsel>();
        for (var f = 0; f < _files.Count; f++)
        {
            for (var g = 0; g < _rowGroupRows[f].Length; g++)
            {
                if (_rowGroupRows[f][g] > 0)
                {
                    morsels.Add(new ScanMorsel(f, g, g + 1));
                }
            }
        }

        return morsels;
    }

    public ITableScan OpenScan(ScanMorsel morsel, IReadOnlyList<int> columns, IReadOnlyList<ScanFilter> filters) =>
        new ParquetRowGroupScan(this, morsel.Segment, morsel.FirstRowGroup, _fileColumns, Columns, _partitionValues[morsel.Segment], columns, filters);

    /// <summary>Closes the file readers the scans opened.</summary>
    public void Dispose()
    {
        foreach (var pool in _readers)
        {
            while (pool.TryTake(out var reader))
            {
                reader.Dispose();
            }
        }
    }

    internal string PathOf(int file) => _files[file].Path;

    /// <summary>
    /// An open reader of file <paramref name="file"/>: opening one parses the footer (milliseconds for a wide file with
    /// many row groups), so readers are kept and handed from one row group's scan to the next. A reader serves one
    /// scan at a time.
    /// </summary>
    internal ParquetFileReader RentReader(int file) => _readers[file].TryTake(out var reader) ? reader : OpenReader(_files[file].Path);

    internal void ReturnReader(int file, ParquetFileReader reader) => _readers[file].Add(reader);

    internal static ParquetFileReader OpenReader(string path)
    {
        try
        {
            return new ParquetFileReader(path);
        }
        catch (Exception error) when (error is ParquetException or IOException or UnauthorizedAccessException)
        {
            throw new QueryException($"'{path}': not a readable Parquet file ({FirstLine(error.Message)})", error);
        }
    }

    internal static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    private static List<ParquetColumnKind> ReadKinds(FileMetaData metadata, string path)
    {
        var schema = metadata.Schema;
        var kinds = new List<ParquetColumnKind>(schema.NumColumns);
        for (var c = 0; c < schema.NumColumns; c++)
        {
            kinds.Add(ParquetColumnKind.Of(schema.Column(c), c, path));
        }

        return kinds;
    }

    private static string Describe(IEnumerable<ParquetColumnKind> kinds) => string.Join(", ", kinds.Select(k => $"{k.Name} {k.Type}"));
}
