namespace Olap.Datasets.Ssb;

/// <summary>One lineorder row. Money is integer cents, dates are yyyymmdd, as dbgen writes them.</summary>
public readonly record struct LineorderRow(
    long OrderKey,
    int LineNumber,
    long CustKey,
    long PartKey,
    long SuppKey,
    int OrderDate,
    int PriorityIndex,
    int Quantity,
    long ExtendedPrice,
    long OrdTotalPrice,
    int Discount,
    long Revenue,
    long SupplyCost,
    int Tax,
    int CommitDate,
    int ShipModeIndex)
{
    public string OrderPriority => SsbVocabulary.OrderPriorities[PriorityIndex];

    /// <summary>Always '0' in dbgen.</summary>
    public static string ShipPriority => "0";

    public string ShipMode => SsbVocabulary.ShipModes[ShipModeIndex];
}
