namespace Olap.Columnar.Types;

/// <summary>How a column's values are laid out in memory: the element type of a flat vector.</summary>
public enum PhysicalKind : byte
{
    /// <summary>BOOLEAN as one byte, 0 or 1.</summary>
    Int8,
    /// <summary>SMALLINT.</summary>
    Int16,
    /// <summary>INTEGER and DATE (days since 1970-01-01).</summary>
    Int32,
    /// <summary>BIGINT, DECIMAL (scaled by 10^scale) and TIMESTAMP (microseconds since 1970-01-01).</summary>
    Int64,
    Int128,
    /// <summary>DOUBLE.</summary>
    Double,
    /// <summary>VARCHAR: UTF-8 bytes addressed by 32-bit offsets into a heap.</summary>
    String,
}
