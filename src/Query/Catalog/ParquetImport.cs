using Olap.Columnar.Format;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using ParquetSharp;

namespace Olap.Query.Catalog;

/// <summary>
/// Reads a Parquet file's flat columns into a table (ParquetSharp): its schema as Olap column types, and its rows
/// appended row group by row group. Nested and unsupported types are refused up front with the column named.
/// </summary>
public static class ParquetImport
{
    /// <summary>Creates table <paramref name="table"/> with the file's columns and loads its rows; returns the rows.</summary>
    public static long LoadAsTable(OlapSession connection, string table, string path)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var columns = ReadSchema(path);
        connection.Execute($"CREATE TABLE {Quote(table)} ({string.Join(", ", columns.Select(c => $"{Quote(c.Name)} {c.Type}"))})");
        using var appender = connection.CreateAppender(table);
        var rows = AppendTo(appender, path);
        appender.Commit();
        return rows;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The file's columns as Olap column definitions.</summary>
    public static IReadOnlyList<ColumnDefinition> ReadSchema(string path)
    {
        using var file = Open(path);
        return Columns(file, path);
    }

    /// <summary>Appends every row of the file to <paramref name="appender"/>, whose table has the file's schema; returns the rows.</summary>
    public static long AppendTo(OlapAppender appender, string path)
    {
        ArgumentNullException.ThrowIfNull(appender);
        using var file = Open(path);
        var columns = Columns(file, path);
        long total = 0;
        for (var g = 0; g < file.FileMetaData.NumRowGroups; g++)
        {
            using var rowGroup = file.RowGroup(g);
            var rows = checked((int)rowGroup.MetaData.NumRows);
            var builders = columns.Select(column => new ColumnBuilder(column.Type, rows)).ToArray();
            for (var c = 0; c < columns.Count; c++)
            {
                using var reader = rowGroup.Column(c);
                Read(reader, columns[c].Type, rows, builders[c]);
            }

            var chunk = appender.CreateChunk(Math.Max(1, rows));
            for (var c = 0; c < columns.Count; c++)
            {
                builders[c].ViewInto(chunk.Columns[c]);
            }

            chunk.SetCount(rows);
            appender.Append(chunk);
            total += rows;
        }

        return total;
    }

    private static ParquetFileReader Open(string path)
    {
        try
        {
            return new ParquetFileReader(path);
        }
        catch (Exception error) when (error is ParquetException or IOException)
        {
            throw new QueryException($"'{path}': not a readable Parquet file ({error.Message})", error);
        }
    }

    private static List<ColumnDefinition> Columns(ParquetFileReader file, string path)
    {
        var schema = file.FileMetaData.Schema;
        var columns = new List<ColumnDefinition>();
        for (var c = 0; c < schema.NumColumns; c++)
        {
            var column = schema.Column(c);
            if (column.MaxRepetitionLevel > 0 || column.Path.ToDotVector().Length > 1)
            {
                throw new QueryException($"'{path}': column {column.Path.ToDotString()} is nested (lists, maps and structs are not supported)");
            }

            columns.Add(new ColumnDefinition(column.Name, TypeOf(column) ?? throw new QueryException(
                $"'{path}': column {column.Name} has Parquet type {column.PhysicalType}{(column.LogicalType is NoneLogicalType ? "" : " " + column.LogicalType)}, which is not supported")));
        }

        return columns;
    }

    private static ColumnType? TypeOf(ColumnDescriptor column) => (column.PhysicalType, column.LogicalType) switch
    {
        (PhysicalType.Boolean, NoneLogicalType) => ColumnType.Boolean,
        (PhysicalType.Int32, NoneLogicalType) => ColumnType.Integer,
        (PhysicalType.Int32, IntLogicalType { BitWidth: 32, IsSigned: true }) => ColumnType.Integer,
        (PhysicalType.Int32, DateLogicalType) => ColumnType.Date,
        (PhysicalType.Int64, NoneLogicalType) => ColumnType.BigInt,
        (PhysicalType.Int64, IntLogicalType { BitWidth: 64, IsSigned: true }) => ColumnType.BigInt,
        (PhysicalType.Int64, TimestampLogicalType) => ColumnType.Timestamp,
        (PhysicalType.Float, NoneLogicalType) => ColumnType.Double,
        (PhysicalType.Double, NoneLogicalType) => ColumnType.Double,
        (PhysicalType.ByteArray, StringLogicalType) => ColumnType.Varchar,
        (PhysicalType.Int32 or PhysicalType.Int64 or PhysicalType.FixedLenByteArray or PhysicalType.ByteArray, DecimalLogicalType { Precision: <= 18 } d) => ColumnType.Decimal(d.Precision, d.Scale),
        _ => null,
    };

    private static void Read(ColumnReader reader, ColumnType type, int rows, ColumnBuilder target)
    {
        switch (type.Id)
        {
            case LogicalTypeId.Boolean:
                foreach (var v in Values<bool>(reader, rows))
                {
                    Append(target, v is { } b ? (b ? 1 : 0) : null);
                }

                break;
            case LogicalTypeId.Integer:
                foreach (var v in Values<int>(reader, rows))
                {
                    Append(target, v);
                }

                break;
            case LogicalTypeId.BigInt:
                foreach (var v in Values<long>(reader, rows))
                {
                    Append(target, v);
                }

                break;
            case LogicalTypeId.Date:
                foreach (var v in Values<Date>(reader, rows))
                {
                    Append(target, v?.Days);
                }

                break;
            case LogicalTypeId.Timestamp:
                foreach (var v in Values<DateTime>(reader, rows))
                {
                    Append(target, v is { } t ? (t - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond : null);
                }

                break;
            case LogicalTypeId.Double:
                if (reader.ColumnDescriptor.PhysicalType == PhysicalType.Float)
                {
                    foreach (var v in Values<float>(reader, rows))
                    {
                        AppendDouble(target, v);
                    }
                }
                else
                {
                    foreach (var v in Values<double>(reader, rows))
                    {
                        AppendDouble(target, v);
                    }
                }

                break;
            case LogicalTypeId.Varchar:
                foreach (var v in reader.LogicalReader<string?>().ReadAll(rows))
                {
                    if (v is null)
                    {
                        target.AppendNull();
                    }
                    else
                    {
                        target.AppendString(v);
                    }
                }

                break;
            default: // DECIMAL(p ≤ 18, s): scaled integers
                var scale = type.Scale;
                foreach (var v in Values<decimal>(reader, rows))
                {
                    Append(target, v is { } d ? (long)decimal.Round(d * Pow10(scale)) : null);
                }

                break;
        }
    }

    /// <summary>A column's values as nullable ones; ParquetSharp reads required columns only as non-nullable.</summary>
    private static TValue?[] Values<TValue>(ColumnReader reader, int rows)
        where TValue : struct
        => reader.ColumnDescriptor.MaxDefinitionLevel > 0
            ? reader.LogicalReader<TValue?>().ReadAll(rows)
            : Array.ConvertAll(reader.LogicalReader<TValue>().ReadAll(rows), value => (TValue?)value);

    private static decimal Pow10(int scale)
    {
        var result = 1m;
        for (var i = 0; i < scale; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static void Append(ColumnBuilder target, long? value)
    {
        if (value is { } v)
        {
            target.AppendInt64(v);
        }
        else
        {
            target.AppendNull();
        }
    }

    private static void AppendDouble(ColumnBuilder target, double? value)
    {
        if (value is { } v)
        {
            target.AppendDouble(v);
        }
        else
        {
            target.AppendNull();
        }
    }
}
