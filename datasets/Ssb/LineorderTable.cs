namespace Olap.Datasets.Ssb;

/// <summary>Lineorder's columns, constants and text form. <see cref="OrderDraws"/> makes the rows.</summary>
internal static class LineorderTable
{
    public static readonly string[] Columns =
    [
        "lo_orderkey", "lo_linenumber", "lo_custkey", "lo_partkey", "lo_suppkey", "lo_orderdate", "lo_orderpriority",
        "lo_shippriority", "lo_quantity", "lo_extendedprice", "lo_ordtotalprice", "lo_discount", "lo_revenue",
        "lo_supplycost", "lo_tax", "lo_commitdate", "lo_shipmode",
    ];

    public const int MaxLinesPerOrder = 7;

    /// <summary>Days from 1992-01-01 to 1998-08-02: TPC-H's last order date is the end date minus 151 days.</summary>
    public const int LastOrderDay = 2_405;

    public const int MinCommitDelay = 30;
    public const int MaxCommitDelay = 90;

    /// <summary>TPC-H "customer mortality": customers whose key is a multiple of 3 never order.</summary>
    public const int CustomerMortality = 3;

    /// <summary>TPC-H's mk_sparse: keep the low 3 bits, shift the rest up by 2, so only keys with key mod 32 in 0..7 exist.</summary>
    public static long SparseKey(long order) => ((order >> 3) << 5) + (order & 7);

    public static void Write(in LineorderRow row, DelimitedRowWriter writer)
    {
        writer.Field(row.OrderKey);
        writer.Field(row.LineNumber);
        writer.Field(row.CustKey);
        writer.Field(row.PartKey);
        writer.Field(row.SuppKey);
        writer.Field(row.OrderDate);
        writer.Field(row.OrderPriority);
        writer.Field(LineorderRow.ShipPriority);
        writer.Field(row.Quantity);
        writer.Field(row.ExtendedPrice);
        writer.Field(row.OrdTotalPrice);
        writer.Field(row.Discount);
        writer.Field(row.Revenue);
        writer.Field(row.SupplyCost);
        writer.Field(row.Tax);
        writer.Field(row.CommitDate);
        writer.Field(row.ShipMode);
        writer.EndRow();
    }
}
