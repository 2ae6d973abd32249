namespace Olap.Datasets.Ssb;

/// <summary>
/// Row counts of the SSB tables at a scale factor (SPEC.md §3). dbgen scales every base count linearly below
/// SF 1; from SF 1 up PART grows with the logarithm of SF. The date table never scales: dbgen's SF &lt; 1
/// date table (Jan–Sep 1992 only at SF 0.1) breaks the fact table's foreign keys.
/// </summary>
public sealed record SsbScale
{
    public const long OrdersPerScale = 1_500_000;
    public const long CustomersPerScale = 30_000;
    public const long SuppliersPerScale = 2_000;
    public const long PartsBase = 200_000;

    /// <summary>1992-01-01 through 1998-12-31.</summary>
    public const int DateRows = 2_557;

    /// <summary>Above this, lo_orderkey (≈ 4 × orders) leaves int32, as the spec's "int up to SF 300" warns; the schema's INTEGER keys cannot hold it.</summary>
    public const double MaxScaleFactor = 300;

    public SsbScale(double scaleFactor)
    {
        if (!double.IsFinite(scaleFactor) || scaleFactor <= 0 || scaleFactor > MaxScaleFactor)
        {
            throw new ArgumentOutOfRangeException(nameof(scaleFactor), scaleFactor, $"The scale factor must be greater than 0 and at most {MaxScaleFactor}.");
        }

        ScaleFactor = scaleFactor;
        Orders = Scaled(OrdersPerScale, scaleFactor);
        Customers = Scaled(CustomersPerScale, scaleFactor);
        Suppliers = Scaled(SuppliersPerScale, scaleFactor);
        Parts = scaleFactor < 1 ? Scaled(PartsBase, scaleFactor) : PartsBase * (long)Math.Floor(1 + Math.Log2(scaleFactor));

        // dbgen's L_PKEY_MAX uses the natural logarithm of the whole scale factor where the part table uses log2.
        OrderedParts = scaleFactor < 1 ? Parts : PartsBase * ((long)Math.Floor(Math.Log((long)scaleFactor)) + 1);
    }

    public double ScaleFactor { get; }

    /// <summary>Orders, each written as 1–7 lineorder rows (4 on average, so lineorder ≈ 6,000,000 × SF).</summary>
    public long Orders { get; }

    public long Customers { get; }

    public long Suppliers { get; }

    public long Parts { get; }

    /// <summary>
    /// Lineorder draws lo_partkey from 1 to this. It equals <see cref="Parts"/> up to SF 7, but above that dbgen
    /// orders only the first 200,000 × (⌊ln SF⌋ + 1) parts: 600,000 of the 800,000 at SF 10, 1,000,000 of
    /// 1,400,000 at SF 100. Kept, because it is what SSB data sets hold.
    /// </summary>
    public long OrderedParts { get; }

    /// <summary>
    /// dbgen truncates base × SF; the epsilon keeps 30,000 × 0.1 = 2999.9999… style products whole. At least one
    /// row, so that tiny scale factors still have every foreign key hit something.
    /// </summary>
    private static long Scaled(long baseCount, double scaleFactor) => Math.Max(1, (long)Math.Floor((baseCount * scaleFactor) + 1e-6));
}
