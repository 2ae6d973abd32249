namespace Olap.Datasets.Ssb;

/// <summary>
/// Orders and their lines in order-number order, drawn as dbgen's SSB mk_order draws them (SPEC.md §2.1, §4):
/// order keys sparse (8 of every 32), order dates uniform over 1992-01-01..1998-08-02, customers uniform but
/// never a multiple of 3, 1–7 lines, part and supplier uniform, prices from the part key, the order total summed
/// over the lines with dbgen's integer divisions. Each column has its own stream; the line-level ones move
/// seven draws per order whatever the line count, so any order can be the first one drawn.
/// </summary>
internal struct OrderDraws
{
    private readonly SsbScale _scale;
    private DbgenStream _date;
    private DbgenStream _customer;
    private DbgenStream _priority;
    private DbgenStream _lineCount;
    private DbgenStream _part;
    private DbgenStream _supplier;
    private DbgenStream _quantity;
    private DbgenStream _discount;
    private DbgenStream _tax;
    private DbgenStream _commitDate;
    private DbgenStream _shipMode;
    private long _next;

    public OrderDraws(long seed, SsbScale scale, long firstOrder)
    {
        _scale = scale;
        _date = SsbStreams.At(SsbStream.OrderDate, seed, firstOrder);
        _customer = SsbStreams.At(SsbStream.OrderCustomerKey, seed, firstOrder);
        _priority = SsbStreams.At(SsbStream.OrderPriority, seed, firstOrder);
        _lineCount = SsbStreams.At(SsbStream.OrderLineCount, seed, firstOrder);
        _part = SsbStreams.At(SsbStream.LinePartKey, seed, firstOrder);
        _supplier = SsbStreams.At(SsbStream.LineSupplierKey, seed, firstOrder);
        _quantity = SsbStreams.At(SsbStream.LineQuantity, seed, firstOrder);
        _discount = SsbStreams.At(SsbStream.LineDiscount, seed, firstOrder);
        _tax = SsbStreams.At(SsbStream.LineTax, seed, firstOrder);
        _commitDate = SsbStreams.At(SsbStream.LineCommitDate, seed, firstOrder);
        _shipMode = SsbStreams.At(SsbStream.LineShipMode, seed, firstOrder);
        _next = firstOrder;
    }

    /// <summary>Fills <paramref name="lines"/> with the next order's lines and returns how many there are.</summary>
    public int Next(Span<LineorderRow> lines)
    {
        var order = _next++;
        var day = _date.Next(0, LineorderTable.LastOrderDay);
        var orderDate = DateTable.Keys[day];
        var orderKey = LineorderTable.SparseKey(order);
        var custKey = CustomerKey(ref _customer, _scale.Customers);
        var priority = _priority.Pick(SsbVocabulary.OrderPriorities.Length);
        var count = _lineCount.Next(1, LineorderTable.MaxLinesPerOrder);

        var total = 0L;
        for (var line = 0; line < count; line++)
        {
            var partKey = _part.Next(1L, _scale.OrderedParts);
            var suppKey = _supplier.Next(1L, _scale.Suppliers);
            var quantity = _quantity.Next(1, 50);
            var discount = _discount.Next(0, 10);
            var tax = _tax.Next(0, 8);
            var commitDate = DateTable.Keys[day + _commitDate.Next(LineorderTable.MinCommitDelay, LineorderTable.MaxCommitDelay)];
            var shipMode = _shipMode.Pick(SsbVocabulary.ShipModes.Length);

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

        // Every line-level stream has a budget of seven draws per order; skip what this order left unused.
        var unused = LineorderTable.MaxLinesPerOrder - count;
        if (unused > 0)
        {
            _part.Skip(unused);
            _supplier.Skip(unused);
            _quantity.Skip(unused);
            _discount.Skip(unused);
            _tax.Skip(unused);
            _commitDate.Skip(unused);
            _shipMode.Skip(unused);
        }

        return count;
    }

    /// <summary>
    /// dbgen draws 1..customers and moves a multiple of 3 one step up (or down at the top), so keys ≡ 1 (mod 3)
    /// get twice the orders of keys ≡ 2: SF 0.1 dbgen data has 100,118 orders on the first and 49,882 on the second.
    /// </summary>
    private static long CustomerKey(ref DbgenStream stream, long customers)
    {
        var key = stream.Next(1L, customers);
        var delta = 1;
        while (key % LineorderTable.CustomerMortality == 0 && customers > 1)
        {
            key = Math.Min(key + delta, customers);
            delta = -delta;
        }

        return key;
    }
}
