namespace Olap.Columnar.Types;

/// <summary>The SQL-visible type of a column. The numeric values are persisted in files and never change.</summary>
public enum LogicalTypeId : byte
{
    Boolean = 1,
    SmallInt = 2,
    Integer = 3,
    BigInt = 4,
    Double = 5,
    Decimal = 6,
    Varchar = 7,
    Date = 8,
    Timestamp = 9,

    /// <summary>A 128-bit integer: what SUM of integers returns, as in DuckDB. Query results only; not stored in files.</summary>
    HugeInt = 10,
}
