using Olap.Columnar.Format;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Binding;
using Olap.Query.Catalog.Parquet;
using Olap.Query.Execution;
using Olap.Query.Parsing.Ast;
using Olap.Query.Planning.Logical;
using Olap.Query.Planning.Optimizer;

namespace Olap.Query;

/// <summary>COPY ... TO a Parquet file, or with PARTITION_BY to a folder of key=value directories.</summary>
internal sealed partial class StatementRunner
{
    private const string PartitionFileName = "data_0.parquet";

    private QueryResult CopyToParquet(LogicalOperator plan, string path, CopyOptions options, SqlPosition position)
    {
        var columns = plan.Columns.Select(c => new ColumnDefinition(c.Name, StorableType(c.Type))).ToList();
        var physical = PhysicalPlanner.Plan(QueryOptimizer.Optimize(CastForStorage(plan, columns)));
        return options.PartitionBy.Count == 0
            ? CopyToParquetFile(physical, columns, path, options)
            : CopyToParquetPartitions(physical, columns, path, options, position);
    }

    private QueryResult CopyToParquetFile(Execution.Operators.PhysicalOperator physical, List<ColumnDefinition> columns, string path, CopyOptions options)
    {
        // The file appears only when complete: written under a temporary name, then renamed over the target.
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        long rows;
        try
        {
            using (var writer = new ParquetResultWriter(temporary, columns, options.Compression, options.RowGroupSize))
            {
                ResultCollector.Stream(physical, Context(), writer.Append);
                writer.Finish();
                rows = writer.RowCount;
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            DeleteQuietly(temporary);
            throw;
        }

        return QueryResult.Empty(rows);
    }

    /// <summary>
    /// Hive layout as DuckDB writes it: <c>path/k1=v1/k2=v2/data_0.parquet</c>, NULL as <c>__HIVE_DEFAULT_PARTITION__</c>,
    /// the partition columns only in the directory names. The folder must be new or empty; it is filled under a
    /// temporary name and renamed when complete.
    /// </summary>
    private QueryResult CopyToParquetPartitions(Execution.Operators.PhysicalOperator physical, List<ColumnDefinition> columns, string path, CopyOptions options, SqlPosition position)
    {
        var keys = new List<int>();
        foreach (var name in options.PartitionBy)
        {
            var index = columns.FindIndex(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
            keys.Add(index >= 0 ? index : throw new BindException(NameSuggestions.WithSuggestion($"PARTITION_BY column {name} is not in the result", name, columns.Select(c => c.Name)), position));
        }

        var values = Enumerable.Range(0, columns.Count).Where(c => !keys.Contains(c)).ToList();
        if (values.Count == 0)
        {
            throw new BindException("PARTITION_BY takes every column; at least one must stay in the files", position);
        }

        if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
        {
            throw new BindException($"'{path}' is not empty; COPY ... PARTITION_BY writes into a new or empty folder", position);
        }

        var fileColumns = values.Select(c => columns[c]).ToList();
        var temporary = path.TrimEnd('/', '\\') + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        var writers = new Dictionary<string, ParquetResultWriter>(StringComparer.Ordinal);
        long rows = 0;
        try
        {
            Directory.CreateDirectory(temporary);
            var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            var fileVectors = new ColumnVector[values.Count];
            ResultCollector.Stream(physical, Context(), chunk =>
            {
                groups.Clear();
                var live = chunk.LiveCount;
                for (var i = 0; i < live; i++)
                {
                    var row = chunk.Selection is { } selection ? selection[i] : i;
                    var directory = string.Join('/', keys.Select(k => $"{columns[k].Name}={PartitionText(chunk.Columns[k], columns[k].Type, row)}"));
                    if (!groups.TryGetValue(directory, out var list))
                    {
                        list = [];
                        groups[directory] = list;
                    }

                    list.Add(row);
                }

                for (var c = 0; c < values.Count; c++)
                {
                    fileVectors[c] = chunk.Columns[values[c]];
                }

                foreach (var (directory, list) in groups)
                {
                    if (!writers.TryGetValue(directory, out var writer))
                    {
                        var folder = Path.Combine(temporary, directory);
                        Directory.CreateDirectory(folder);
                        writer = new ParquetResultWriter(Path.Combine(folder, PartitionFileName), fileColumns, options.Compression, options.RowGroupSize);
                        writers[directory] = writer;
                    }

                    writer.Append(fileVectors, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
                }
            });

            foreach (var writer in writers.Values)
            {
                writer.Finish();
                rows += writer.RowCount;
                writer.Dispose();
            }

            writers.Clear();
            if (Directory.Exists(path))
            {
                Directory.Delete(path);
            }

            Directory.Move(temporary, path);
        }
        catch
        {
            foreach (var writer in writers.Values)
            {
                writer.Dispose();
            }

            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }

            throw;
        }

        return QueryResult.Empty(rows);
    }

    /// <summary>COPY ... TO an Arrow IPC file (the file format), one record batch per result chunk, renamed into place when complete.</summary>
    private QueryResult CopyToArrow(LogicalOperator plan, string path)
    {
        var columns = plan.Columns.Select(c => new ResultColumn(c.Name, c.Type)).ToList();
        var schema = Arrow.ArrowConversion.SchemaOf(columns);
        var physical = PhysicalPlanner.Plan(QueryOptimizer.Optimize(plan));
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        long rows = 0;
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new Apache.Arrow.Ipc.ArrowFileWriter(file, schema))
            {
                var builders = columns.Select(c => new ColumnBuilder(c.Type)).ToArray();
                var flat = new DataChunk([.. columns.Select(c => c.Type)], Columnar.Vectors.VectorSize.Standard);
                ResultCollector.Stream(physical, Context(), chunk =>
                {
                    foreach (var builder in builders)
                    {
                        builder.Clear();
                    }

                    VectorGather.AppendLive(chunk, builders);
                    var count = builders.Length == 0 ? 0 : builders[0].Count;
                    if (count == 0)
                    {
                        return;
                    }

                    if (count > flat.Capacity)
                    {
                        flat = new DataChunk([.. columns.Select(c => c.Type)], count);
                    }

                    for (var c = 0; c < builders.Length; c++)
                    {
                        builders[c].ViewInto(flat.Columns[c]);
                    }

                    flat.SetCount(count);
                    using var batch = Arrow.ArrowConversion.ToRecordBatch(schema, flat);
                    writer.WriteRecordBatch(batch);
                    rows += count;
                });
                writer.WriteEnd();
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            DeleteQuietly(temporary);
            throw;
        }

        return QueryResult.Empty(rows);
    }

    private static string PartitionText(ColumnVector vector, ColumnType type, int row) =>
        vector.IsNull(row) ? ParquetFiles.DefaultPartition : Uri.EscapeDataString(ValueFormatter.Format(vector.GetScalar(row), type));
}
