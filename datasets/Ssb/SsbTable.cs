namespace Olap.Datasets.Ssb;

/// <summary>The five SSB tables. The numeric values salt the random streams, so they must never change.</summary>
public enum SsbTable
{
    Lineorder = 1,
    Customer = 2,
    Supplier = 3,
    Part = 4,
    Date = 5,
}
