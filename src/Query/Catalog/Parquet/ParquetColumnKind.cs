using Olap.Columnar.Types;
using ParquetSharp;

namespace Olap.Query.Catalog.Parquet;

/// <summary>How one Parquet leaf column becomes an Olap column: its SQL type and the conversion from the physical values.</summary>
internal enum ParquetConversion
{
    Boolean,
    Int32,
    Int32ToSmallInt,
    Int32ToBigInt,
    Int32Date,
    Int32Decimal,
    Int64,
    UInt64,
    Int64Decimal,
    TimestampMillis,
    TimestampMicros,
    TimestampNanos,
    Int96Timestamp,
    Float,
    Double,
    ByteArrayString,
    ByteArrayDecimal,
    FixedDecimal,
    ByteArrayWideDecimal,
    FixedWideDecimal,
    FixedString,
}

/// <summary>A Parquet leaf column's place in the file, its Olap type and how its values convert.</summary>
internal sealed record ParquetColumnKind(int Index, string Name, ColumnType Type, ParquetConversion Conversion, bool Optional)
{
    /// <summary>The kind of a flat column, or an error naming the column and its Parquet type.</summary>
    public static ParquetColumnKind Of(ColumnDescriptor column, int index, string path)
    {
        if (column.MaxRepetitionLevel > 0 || column.Path.ToDotVector().Length > 1)
        {
            throw new QueryException($"'{path}': column {column.Path.ToDotString()} is nested (lists, maps and structs are not supported)");
        }

        var logical = column.LogicalType;
        (ColumnType Type, ParquetConversion Conversion)? kind = (column.PhysicalType, logical) switch
        {
            (PhysicalType.Boolean, _) => (ColumnType.Boolean, ParquetConversion.Boolean),
            (PhysicalType.Int32, NoneLogicalType) => (ColumnType.Integer, ParquetConversion.Int32),
            (PhysicalType.Int32, IntLogicalType { IsSigned: true, BitWidth: 8 or 16 }) => (ColumnType.SmallInt, ParquetConversion.Int32ToSmallInt),
            (PhysicalType.Int32, IntLogicalType { IsSigned: false, BitWidth: 8 }) => (ColumnType.SmallInt, ParquetConversion.Int32ToSmallInt),
            (PhysicalType.Int32, IntLogicalType { IsSigned: false, BitWidth: 16 }) => (ColumnType.Integer, ParquetConversion.Int32),
            (PhysicalType.Int32, IntLogicalType { IsSigned: true, BitWidth: 32 }) => (ColumnType.Integer, ParquetConversion.Int32),
            (PhysicalType.Int32, IntLogicalType { IsSigned: false, BitWidth: 32 }) => (ColumnType.BigInt, ParquetConversion.Int32ToBigInt),
            (PhysicalType.Int32, DateLogicalType) => (ColumnType.Date, ParquetConversion.Int32Date),
            (PhysicalType.Int32, DecimalLogicalType d) when d.Precision <= ColumnType.MaxDecimalPrecision => (ColumnType.Decimal(d.Precision, d.Scale), ParquetConversion.Int32Decimal),
            (PhysicalType.Int64, NoneLogicalType) => (ColumnType.BigInt, ParquetConversion.Int64),
            (PhysicalType.Int64, IntLogicalType { IsSigned: true }) => (ColumnType.BigInt, ParquetConversion.Int64),
            (PhysicalType.Int64, IntLogicalType { IsSigned: false }) => (ColumnType.BigInt, ParquetConversion.UInt64),
            (PhysicalType.Int64, DecimalLogicalType d) when d.Precision <= ColumnType.MaxDecimalPrecision => (ColumnType.Decimal(d.Precision, d.Scale), ParquetConversion.Int64Decimal),
            (PhysicalType.Int64, TimestampLogicalType { TimeUnit: TimeUnit.Millis }) => (ColumnType.Timestamp, ParquetConversion.TimestampMillis),
            (PhysicalType.Int64, TimestampLogicalType { TimeUnit: TimeUnit.Micros }) => (ColumnType.Timestamp, ParquetConversion.TimestampMicros),
            (PhysicalType.Int64, TimestampLogicalType { TimeUnit: TimeUnit.Nanos }) => (ColumnType.Timestamp, ParquetConversion.TimestampNanos),
            (PhysicalType.Int96, _) => (ColumnType.Timestamp, ParquetConversion.Int96Timestamp),
            (PhysicalType.Float, _) => (ColumnType.Double, ParquetConversion.Float),
            (PhysicalType.Double, _) => (ColumnType.Double, ParquetConversion.Double),

            // Binary without a logical type is read as text, as most engines' writers meant it (DuckDB's binary_as_string).
            (PhysicalType.ByteArray, StringLogicalType or EnumLogicalType or JsonLogicalType or NoneLogicalType) => (ColumnType.Varchar, ParquetConversion.ByteArrayString),
            (PhysicalType.ByteArray, DecimalLogicalType d) when d.Precision <= ColumnType.MaxDecimalPrecision => (ColumnType.Decimal(d.Precision, d.Scale), ParquetConversion.ByteArrayDecimal),
            (PhysicalType.FixedLenByteArray, DecimalLogicalType d) when d.Precision <= ColumnType.MaxDecimalPrecision => (ColumnType.Decimal(d.Precision, d.Scale), ParquetConversion.FixedDecimal),
            (PhysicalType.FixedLenByteArray, NoneLogicalType or StringLogicalType) => (ColumnType.Varchar, ParquetConversion.FixedString),

            // DECIMAL(19..38): DuckDB writes sums and products this wide. Queries read them as 128-bit decimals; storing
            // them in a table narrows them to DECIMAL(18, s) as any wide result does.
            (PhysicalType.ByteArray, DecimalLogicalType d) when d.Precision <= ColumnType.MaxWideDecimalPrecision => (ColumnType.Decimal(d.Precision, d.Scale), ParquetConversion.ByteArrayWideDecimal),
            (PhysicalType.FixedLenByteArray, DecimalLogicalType d) when d.Precision <= ColumnType.MaxWideDecimalPrecision => (ColumnType.Decimal(d.Precision, d.Scale), ParquetConversion.FixedWideDecimal),
            _ => null,
        };

        if (kind is not { } known)
        {
            var detail = logical is DecimalLogicalType wide
                ? $"DECIMAL({wide.Precision},{wide.Scale}) stored as {column.PhysicalType}"
                : $"Parquet type {column.PhysicalType}{(logical is NoneLogicalType ? "" : " " + logical)}";
            throw new QueryException($"'{path}': column {column.Name} has {detail}, which is not supported");
        }

        return new ParquetColumnKind(index, column.Name, known.Type, known.Conversion, column.MaxDefinitionLevel > 0);
    }
}
