using System.Globalization;

namespace Olap.Columnar.Types;

/// <summary>A column's type: the logical type plus precision and scale for DECIMAL.</summary>
public readonly record struct ColumnType
{
    /// <summary>DECIMAL precision above this does not fit a scaled 64-bit integer; it is the most a file stores.</summary>
    public const int MaxDecimalPrecision = 18;

    /// <summary>The widest DECIMAL, a scaled 128-bit integer, which sums of decimals return (as in DuckDB).</summary>
    public const int MaxWideDecimalPrecision = 38;

    public static readonly ColumnType Boolean = new(LogicalTypeId.Boolean);
    public static readonly ColumnType SmallInt = new(LogicalTypeId.SmallInt);
    public static readonly ColumnType Integer = new(LogicalTypeId.Integer);
    public static readonly ColumnType BigInt = new(LogicalTypeId.BigInt);
    public static readonly ColumnType Double = new(LogicalTypeId.Double);
    public static readonly ColumnType Varchar = new(LogicalTypeId.Varchar);
    public static readonly ColumnType Date = new(LogicalTypeId.Date);
    public static readonly ColumnType Timestamp = new(LogicalTypeId.Timestamp);
    public static readonly ColumnType HugeInt = new(LogicalTypeId.HugeInt);

    private ColumnType(LogicalTypeId id, byte precision = 0, byte scale = 0)
    {
        Id = id;
        Precision = precision;
        Scale = scale;
    }

    public LogicalTypeId Id { get; }

    /// <summary>Total decimal digits, for DECIMAL only.</summary>
    public byte Precision { get; }

    /// <summary>Digits after the point, for DECIMAL only.</summary>
    public byte Scale { get; }

    public static ColumnType Decimal(int precision, int scale)
    {
        if (precision < 1 || precision > MaxWideDecimalPrecision)
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision, $"DECIMAL precision must be between 1 and {MaxWideDecimalPrecision}.");
        }

        if (scale < 0 || scale > precision)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "DECIMAL scale must be between 0 and the precision.");
        }

        return new ColumnType(LogicalTypeId.Decimal, (byte)precision, (byte)scale);
    }

    /// <summary>Rebuilds a type from its persisted parts, validating them.</summary>
    public static bool TryCreate(LogicalTypeId id, byte precision, byte scale, out ColumnType type)
    {
        type = default;
        switch (id)
        {
            case LogicalTypeId.Decimal:
                if (precision < 1 || precision > MaxDecimalPrecision || scale > precision)
                {
                    return false;
                }

                type = new ColumnType(id, precision, scale);
                return true;
            case LogicalTypeId.Boolean or LogicalTypeId.SmallInt or LogicalTypeId.Integer or LogicalTypeId.BigInt
                or LogicalTypeId.Double or LogicalTypeId.Varchar or LogicalTypeId.Date or LogicalTypeId.Timestamp:
                if (precision != 0 || scale != 0)
                {
                    return false;
                }

                type = new ColumnType(id);
                return true;
            default:
                return false;
        }
    }

    public PhysicalKind Physical => Id switch
    {
        LogicalTypeId.Boolean => PhysicalKind.Int8,
        LogicalTypeId.SmallInt => PhysicalKind.Int16,
        LogicalTypeId.Integer or LogicalTypeId.Date => PhysicalKind.Int32,
        LogicalTypeId.Decimal => Precision > MaxDecimalPrecision ? PhysicalKind.Int128 : PhysicalKind.Int64,
        LogicalTypeId.BigInt or LogicalTypeId.Timestamp => PhysicalKind.Int64,
        LogicalTypeId.HugeInt => PhysicalKind.Int128,
        LogicalTypeId.Double => PhysicalKind.Double,
        LogicalTypeId.Varchar => PhysicalKind.String,
        _ => throw new InvalidOperationException($"Unknown type id {(int)Id}."),
    };

    /// <summary>Bytes per value in a flat vector; 0 for strings, whose values live in a heap.</summary>
    public int FixedWidth => Physical switch
    {
        PhysicalKind.Int8 => 1,
        PhysicalKind.Int16 => 2,
        PhysicalKind.Int32 => 4,
        PhysicalKind.Int64 or PhysicalKind.Double => 8,
        PhysicalKind.Int128 => 16,
        _ => 0,
    };

    /// <summary>True for the types a native file can store (128-bit values live only in query results).</summary>
    public bool IsStorable => Physical != PhysicalKind.Int128;

    /// <summary>True for the types whose values are integers in memory, which the integer encodings accept.</summary>
    public bool IsIntegral => Physical is PhysicalKind.Int8 or PhysicalKind.Int16 or PhysicalKind.Int32 or PhysicalKind.Int64;

    public override string ToString() => Id switch
    {
        LogicalTypeId.Boolean => "BOOLEAN",
        LogicalTypeId.SmallInt => "SMALLINT",
        LogicalTypeId.Integer => "INTEGER",
        LogicalTypeId.BigInt => "BIGINT",
        LogicalTypeId.Double => "DOUBLE",
        LogicalTypeId.Decimal => string.Create(CultureInfo.InvariantCulture, $"DECIMAL({Precision},{Scale})"),
        LogicalTypeId.Varchar => "VARCHAR",
        LogicalTypeId.Date => "DATE",
        LogicalTypeId.Timestamp => "TIMESTAMP",
        LogicalTypeId.HugeInt => "HUGEINT",
        _ => $"UNKNOWN({(int)Id})",
    };
}
