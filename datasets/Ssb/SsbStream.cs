namespace Olap.Datasets.Ssb;

/// <summary>
/// The dbgen random streams the SSB tables draw from, named after dbgen's seed indexes (P_MFG_SD, L_PKEY_SD, …).
/// Each value is the stream's index in dbgen's Seed array, so the starting values below line up with it.
/// </summary>
internal enum SsbStream
{
    PartManufacturer = 0,
    PartBrand = 1,
    PartType = 2,
    PartSize = 3,
    PartContainer = 4,
    OrderDate = 13,
    LineQuantity = 14,
    LineDiscount = 15,
    LineTax = 16,
    LineShipMode = 18,
    LinePartKey = 19,
    LineSupplierKey = 20,
    LineCommitDate = 22,
    CustomerAddress = 26,
    CustomerNation = 27,
    Phone = 28,
    CustomerSegment = 30,
    SupplierAddress = 32,
    SupplierNation = 33,
    PartName = 37,
    OrderPriority = 38,
    OrderCustomerKey = 40,
    OrderLineCount = 43,
    PartCategory = 48,
    City = 49,
}

/// <summary>
/// Where each stream starts and how far it moves per row, as dbgen runs it for one table per process (the way
/// the published SSB data sets are made, SPEC.md §8).
/// <para>
/// dbgen counts the draws each row makes from a stream and, at the end of the row, skips the stream on to a
/// fixed per-row budget (its "boundary"), so row n always starts at draw (n − 1) × budget. That is what lets any
/// range of rows be generated on any thread: <see cref="At"/> jumps straight to a row. Streams whose rows
/// always use exactly their budget behave the same way without the skip. Two streams are shared between tables
/// (phone and city, used by customer and supplier alike); generated one table per run, each starts afresh.
/// </para>
/// <para>
/// <see cref="SsbGenerator.DefaultSeed"/> gives dbgen's own starting values and so dbgen's data. Any other seed
/// moves every stream a seed-dependent distance along its cycle, so seeds give unrelated data sets.
/// </para>
/// </summary>
internal static class SsbStreams
{
    /// <summary>Draws per order: one for each order-level stream, seven for each line-level one (the most lines an order has).</summary>
    public const int LineBudget = 7;

    /// <summary>An address takes a length and one draw per five characters, at most 1 + 24 / 5 rounded up; dbgen budgets 9.</summary>
    public const int AddressBudget = 9;

    /// <summary>Area code, exchange and number.</summary>
    public const int PhoneBudget = 3;

    /// <summary>agg_str shuffles all 92 colours to take three.</summary>
    public const int PartNameBudget = 92;

    /// <summary>The stream positioned at the first draw of row <paramref name="row"/> (1-based).</summary>
    public static DbgenStream At(SsbStream stream, long seed, long row) =>
        new(DbgenStream.Advance(Start(stream, seed), (row - 1) * Budget(stream)));

    public static int Budget(SsbStream stream) => stream switch
    {
        SsbStream.LineQuantity or SsbStream.LineDiscount or SsbStream.LineTax or SsbStream.LineShipMode
            or SsbStream.LinePartKey or SsbStream.LineSupplierKey or SsbStream.LineCommitDate => LineBudget,
        SsbStream.CustomerAddress or SsbStream.SupplierAddress => AddressBudget,
        SsbStream.Phone => PhoneBudget,
        SsbStream.PartName => PartNameBudget,
        _ => 1,
    };

    private static long Start(SsbStream stream, long seed)
    {
        var dbgen = DbgenStart(stream);
        if (seed == SsbGenerator.DefaultSeed)
        {
            return dbgen;
        }

        // SplitMix64 of (seed, stream): neighbouring seeds land far apart on the cycle, and streams move independently.
        var z = (ulong)seed + ((ulong)stream * 0x9E3779B97F4A7C15UL) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return DbgenStream.Advance(dbgen, (long)(z % (DbgenStream.Modulus - 1)));
    }

    /// <summary>dbgen's starting values (rnd.h; P_CAT_SD and the city seed as eyalroz/ssb-dbgen fixed them).</summary>
    private static long DbgenStart(SsbStream stream) => stream switch
    {
        SsbStream.PartManufacturer => 1,
        SsbStream.PartBrand => 46_831_694,
        SsbStream.PartType => 1_841_581_359,
        SsbStream.PartSize => 1_193_163_244,
        SsbStream.PartContainer => 727_633_698,
        SsbStream.OrderDate => 1_066_728_069,
        SsbStream.LineQuantity => 209_208_115,
        SsbStream.LineDiscount => 554_590_007,
        SsbStream.LineTax => 721_958_466,
        SsbStream.LineShipMode => 675_466_456,
        SsbStream.LinePartKey => 1_808_217_256,
        SsbStream.LineSupplierKey => 2_095_021_727,
        SsbStream.LineCommitDate => 904_914_315,
        SsbStream.CustomerAddress => 881_155_353,
        SsbStream.CustomerNation => 1_489_529_863,
        SsbStream.Phone => 1_521_138_112,
        SsbStream.CustomerSegment => 1_140_279_430,
        SsbStream.SupplierAddress => 706_178_559,
        SsbStream.SupplierNation => 110_356_601,
        SsbStream.PartName => 709_314_158,
        SsbStream.OrderPriority => 591_449_447,
        SsbStream.OrderCustomerKey => 851_767_375,
        SsbStream.OrderLineCount => 1_434_868_289,
        SsbStream.PartCategory => 637_858_759,
        SsbStream.City => 1_495_190_827,
        _ => throw new ArgumentOutOfRangeException(nameof(stream)),
    };
}
