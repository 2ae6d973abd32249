using Olap.Columnar.Format;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using ParquetSharp;
using ParquetSharp.Schema;

namespace Olap.Query.Catalog.Parquet;

/// <summary>
/// Writes rows to one Parquet file (ParquetSharp), as DuckDB lays them out: every column optional; SMALLINT as INT32
/// (INT16), INTEGER INT32, BIGINT INT64, DOUBLE, DECIMAL as INT32 or INT64 with the decimal logical type, VARCHAR as
/// UTF-8 BYTE_ARRAY, DATE INT32, TIMESTAMP INT64 microseconds; rows buffered into row groups of
/// <c>rowGroupSize</c> rows. Columns must be of storable types (the caller casts HUGEINT and wide decimals first).
/// </summary>
internal sealed class ParquetResultWriter : IDisposable
{
    private readonly ParquetFileWriter _file;
    private readonly ColumnType[] _types;
    private readonly ColumnBuilder[] _pending;
    private readonly int _rowGroupSize;
    private short[] _levels = [];
    private bool _closed;

    public ParquetResultWriter(string path, IReadOnlyList<ColumnDefinition> columns, Compression compression, int rowGroupSize)
    {
        _types = [.. columns.Select(c => c.Type)];
        _rowGroupSize = rowGroupSize;
        _pending = [.. _types.Select(t => new ColumnBuilder(t, Math.Min(rowGroupSize, 1 << 16)))];
        var fields = columns.Select(c => Node(c.Name, c.Type)).ToArray();
        using var schema = new GroupNode("schema", Repetition.Required, fields);
        using var properties = new WriterPropertiesBuilder().Compression(compression).CreatedBy("Olap").Build();
        _file = new ParquetFileWriter(path, schema, properties);
        foreach (var field in fields)
        {
            field.Dispose();
        }
    }

    public long RowCount { get; private set; }

    public void Append(DataChunk chunk)
    {
        var selection = chunk.Selection;
        var live = chunk.LiveCount;
        var done = 0;
        while (done < live)
        {
            var take = Math.Min(live - done, _rowGroupSize - _pending[0].Count);
            for (var c = 0; c < _types.Length; c++)
            {
                if (selection is null)
                {
                    _pending[c].AppendRange(chunk.Columns[c], done, take);
                }
                else
                {
                    _pending[c].AppendGather(chunk.Columns[c], selection.Indices.Slice(done, take));
                }
            }

            done += take;
            RowCount += take;
            if (_pending[0].Count >= _rowGroupSize)
            {
                Flush();
            }
        }
    }

    /// <summary>Appends rows <paramref name="rows"/> of <paramref name="columns"/> (one vector per file column).</summary>
    public void Append(IReadOnlyList<ColumnVector> columns, ReadOnlySpan<int> rows)
    {
        var done = 0;
        while (done < rows.Length)
        {
            var take = Math.Min(rows.Length - done, _rowGroupSize - _pending[0].Count);
            for (var c = 0; c < _types.Length; c++)
            {
                _pending[c].AppendGather(columns[c], rows.Slice(done, take));
            }

            done += take;
            RowCount += take;
            if (_pending[0].Count >= _rowGroupSize)
            {
                Flush();
            }
        }
    }

    /// <summary>Writes the last row group and the footer.</summary>
    public void Finish()
    {
        Flush();
        _file.Close();
        _closed = true;
    }

    public void Dispose()
    {
        if (!_closed)
        {
            try
            {
                _file.Close();
            }
            catch (ParquetException)
            {
                // An unfinished file is deleted by the caller; closing it is only to release the handle.
            }

            _closed = true;
        }

        _file.Dispose();
    }

    private void Flush()
    {
        var rows = _pending[0].Count;
        if (rows == 0)
        {
            return;
        }

        using var rowGroup = _file.AppendRowGroup();
        for (var c = 0; c < _types.Length; c++)
        {
            var vector = _pending[c].ToVector();
            using var column = rowGroup.NextColumn();
            Write(column, _types[c], vector, rows);
            _pending[c].Clear();
        }
    }

    private void Write(ColumnWriter column, ColumnType type, ColumnVector vector, int rows)
    {
        var levels = Levels(vector, rows, out var nonNull);
        switch (type.Id)
        {
            case LogicalTypeId.Boolean:
                WriteValues<byte, bool>((ColumnWriter<bool>)column, vector, levels, nonNull, static v => v != 0);
                break;
            case LogicalTypeId.SmallInt:
                WriteValues<short, int>((ColumnWriter<int>)column, vector, levels, nonNull, static v => v);
                break;
            case LogicalTypeId.Integer or LogicalTypeId.Date:
                WriteValues<int, int>((ColumnWriter<int>)column, vector, levels, nonNull, static v => v);
                break;
            case LogicalTypeId.Decimal when type.Precision <= 9:
                WriteValues<long, int>((ColumnWriter<int>)column, vector, levels, nonNull, static v => (int)v);
                break;
            case LogicalTypeId.BigInt or LogicalTypeId.Decimal or LogicalTypeId.Timestamp:
                WriteValues<long, long>((ColumnWriter<long>)column, vector, levels, nonNull, static v => v);
                break;
            case LogicalTypeId.Double:
                WriteValues<double, double>((ColumnWriter<double>)column, vector, levels, nonNull, static v => v);
                break;
            case LogicalTypeId.Varchar:
                WriteStrings((ColumnWriter<ByteArray>)column, vector, levels, nonNull);
                break;
            default:
                throw new QueryException($"a {type} column cannot be written to Parquet");
        }
    }

    private static void WriteValues<TValue, TPhysical>(ColumnWriter<TPhysical> writer, ColumnVector vector, short[] levels, int nonNull, Func<TValue, TPhysical> convert)
        where TValue : unmanaged
        where TPhysical : unmanaged
    {
        var rows = levels.Length;
        var source = vector.Values<TValue>();
        var values = new TPhysical[nonNull];
        var v = 0;
        for (var row = 0; row < rows; row++)
        {
            if (levels[row] != 0)
            {
                values[v++] = convert(source[row]);
            }
        }

        writer.WriteBatch(rows, levels, default, values);
    }

    private static unsafe void WriteStrings(ColumnWriter<ByteArray> writer, ColumnVector vector, short[] levels, int nonNull)
    {
        var rows = levels.Length;
        var offsets = vector.StringOffsets;
        var values = new ByteArray[nonNull];
        fixed (byte* heap = vector.Heap)
        {
            var v = 0;
            for (var row = 0; row < rows; row++)
            {
                if (levels[row] != 0)
                {
                    values[v++] = new ByteArray((IntPtr)(heap + offsets[row]), offsets[row + 1] - offsets[row]);
                }
            }

            writer.WriteBatch(rows, levels, default, values);
        }
    }

    /// <summary>Definition levels: 1 for a value, 0 for NULL.</summary>
    private short[] Levels(ColumnVector vector, int rows, out int nonNull)
    {
        if (_levels.Length != rows)
        {
            _levels = new short[rows];
        }

        nonNull = 0;
        for (var row = 0; row < rows; row++)
        {
            var present = !vector.IsNull(row);
            _levels[row] = present ? (short)1 : (short)0;
            nonNull += present ? 1 : 0;
        }

        return _levels;
    }

    private static PrimitiveNode Node(string name, ColumnType type)
    {
        using var logical = type.Id switch
        {
            LogicalTypeId.SmallInt => LogicalType.Int(16, isSigned: true),
            LogicalTypeId.Decimal => LogicalType.Decimal(type.Precision, type.Scale),
            LogicalTypeId.Varchar => LogicalType.String(),
            LogicalTypeId.Date => LogicalType.Date(),
            LogicalTypeId.Timestamp => LogicalType.Timestamp(isAdjustedToUtc: false, TimeUnit.Micros),
            _ => LogicalType.None(),
        };
        var physical = type.Id switch
        {
            LogicalTypeId.Boolean => PhysicalType.Boolean,
            LogicalTypeId.SmallInt or LogicalTypeId.Integer or LogicalTypeId.Date => PhysicalType.Int32,
            LogicalTypeId.Decimal => type.Precision <= 9 ? PhysicalType.Int32 : PhysicalType.Int64,
            LogicalTypeId.BigInt or LogicalTypeId.Timestamp => PhysicalType.Int64,
            LogicalTypeId.Double => PhysicalType.Double,
            LogicalTypeId.Varchar => PhysicalType.ByteArray,
            _ => throw new QueryException($"column {name}: a {type} column cannot be written to Parquet"),
        };
        return new PrimitiveNode(name, Repetition.Optional, logical, physical);
    }
}
