using Apache.Arrow;
using Olap.Columnar.Format;
using Olap.Columnar.Vectors;
using Olap.Query.Catalog;

namespace Olap.Query.Arrow;

/// <summary>
/// Arrow record batches as a table (registered from .NET, or read from an Arrow IPC file): each batch is a morsel,
/// read in chunks and converted column by column; filters run above the scan.
/// </summary>
public sealed class ArrowTableSource : ITableSource
{
    private readonly IReadOnlyList<RecordBatch> _batches;

    public ArrowTableSource(string name, Schema schema, IReadOnlyList<RecordBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(batches);
        Name = name;
        _batches = batches;
        Columns = [.. schema.FieldsList.Select(f => new ColumnDefinition(f.Name, ArrowConversion.OlapTypeOf(f)))];
        foreach (var batch in batches)
        {
            if (batch.ColumnCount != Columns.Count)
            {
                throw new QueryException($"{name}: a record batch has {batch.ColumnCount} columns; the schema has {Columns.Count}");
            }
        }

        EstimatedRowCount = batches.Sum(b => (long)b.Length);
    }

    public string Name { get; }

    public IReadOnlyList<ColumnDefinition> Columns { get; }

    public IReadOnlyList<SortKeyColumn> SortKey => [];

    public long EstimatedRowCount { get; }

    public bool EvaluatesFilters => false;

    public IReadOnlyList<ScanMorsel> GetMorsels() => [.. Enumerable.Range(0, _batches.Count).Where(b => _batches[b].Length > 0).Select(b => new ScanMorsel(b, 0, 1))];

    public ITableScan OpenScan(ScanMorsel morsel, IReadOnlyList<int> columns, IReadOnlyList<ScanFilter> filters) => new Scan(this, _batches[morsel.Segment], columns);

    /// <summary>Reads every record batch of an Arrow IPC file (the file format, .arrow/.feather, or the stream format, .arrows).</summary>
    public static ArrowTableSource ReadFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            if (path.EndsWith(".arrows", StringComparison.OrdinalIgnoreCase))
            {
                using var streamReader = new Apache.Arrow.Ipc.ArrowStreamReader(stream);
                var batches = new List<RecordBatch>();
                while (streamReader.ReadNextRecordBatch() is { } batch)
                {
                    batches.Add(batch);
                }

                return new ArrowTableSource(Path.GetFileName(path), streamReader.Schema, batches);
            }

            using var reader = new Apache.Arrow.Ipc.ArrowFileReader(stream);
            var count = reader.RecordBatchCountAsync().AsTask().GetAwaiter().GetResult();
            var all = new List<RecordBatch>(count);
            for (var i = 0; i < count; i++)
            {
                all.Add(reader.ReadRecordBatchAsync(i, CancellationToken.None).AsTask().GetAwaiter().GetResult());
            }

            return new ArrowTableSource(Path.GetFileName(path), reader.Schema, all);
        }
        catch (Exception error) when (error is InvalidDataException or IOException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException)
        {
            throw new QueryException($"'{path}': not a readable Arrow IPC file ({error.Message})", error);
        }
    }

    private sealed class Scan(ArrowTableSource source, RecordBatch batch, IReadOnlyList<int> columns) : ITableScan
    {
        private int _position;

        public int RowGroupsScanned => 1;

        public int RowGroupsSkipped => 0;

        public bool Next(DataChunk chunk)
        {
            if (_position >= batch.Length)
            {
                return false;
            }

            var count = Math.Min(chunk.Capacity, batch.Length - _position);
            for (var i = 0; i < columns.Count; i++)
            {
                ArrowConversion.ToVector(batch.Column(columns[i]), source.Columns[columns[i]].Type, _position, count, chunk.Columns[i]);
            }

            chunk.SetCount(count);
            _position += count;
            return true;
        }

        public void Dispose()
        {
        }
    }
}
