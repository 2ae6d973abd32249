namespace Olap.Datasets.Ssb;

/// <summary>
/// Orders and their lines as dbgen's SSB mk_order makes them (SPEC.md §2.1, §4): order keys sparse (8 of every
/// 32), order dates uniform over 1992-01-01..1998-08-02, 1–7 lines, part and supplier uniform, prices from the
/// part key, the order total summed over the lines with dbgen's integer divisions.
/// </summary>
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

    /// <summary>
    /// Fills <paramref name="lines"/> with order number <paramref name="order"/> (1-based) and returns how many
    /// lines it has.
    /// </summary>
    public static int Order(long seed, SsbScale scale, long order, Span<LineorderRow> lines)
    {
        var random = new SsbRandom(seed, SsbTable.Lineorder, order);
        var day = random.Next(0, LastOrderDay);
        var orderDate = DateTable.Keys[day];
        var orderKey = SparseKey(order);
        var custKey = CustomerKey(ref random, scale.Customers);
        var priority = random.Next(0, SsbVocabulary.OrderPriorities.Length - 1);
        var count = random.Next(1, MaxLinesPerOrder);

        var total = 0L;
        for (var line = 0; line < count; line++)
        {
            var partKey = random.Next(1L, scale.Parts);
            var suppKey = random.Next(1L, scale.Suppliers);
            var quantity = random.Next(1, 50);
            var discount = random.Next(0, 10);
            var tax = random.Next(0, 8);
            var commitDate = DateTable.Keys[day + random.Next(MinCommitDelay, MaxCommitDelay)];
            var shipMode = random.Next(0, SsbVocabulary.ShipModes.Length - 1);

            var price = PartRow.RetailPrice(partKey);
            var extended = price * quantity;
            var revenue = extended * (100 - discount) / 100;
            total += revenue * (100 + tax) / 100;

            // dbgen computes 6 * price / 10 in integers ("round off problem with linux if use 0.6").
            lines[line] = new LineorderRow(orderKey, line + 1, custKey, partKey, suppKey, orderDate, priority, quantity, extended, 0, discount, revenue, 6 * price / 10, tax, commitDate, shipMode);
        }

        for (var line = 0; line < count; line++)
        {
            lines[line] = lines[line] with { OrdTotalPrice = total };
        }

        return count;
    }

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

    /// <summary>
    /// dbgen draws 1..customers and moves a multiple of 3 one step up (or down at the top), so keys ≡ 1 (mod 3)
    /// get twice the orders of keys ≡ 2: SF 0.1 dbgen data has 100,118 orders on the first and 49,882 on the second.
    /// </summary>
    private static long CustomerKey(ref SsbRandom random, long customers)
    {
        var key = random.Next(1L, customers);
        var delta = 1;
        while (key % CustomerMortality == 0 && customers > 1)
        {
            key = Math.Min(key + delta, customers);
            delta = -delta;
        }

        return key;
    }
}
