namespace Olap.Datasets.Ssb;

/// <summary>
/// One part. dbgen draws three distinct colours: the first is p_color, the other two make p_name. Manufacturer
/// and category are 1–5, brand 1–40; p_category and p_brand1 are the concatenations 'MFGR#12', 'MFGR#1221'.
/// </summary>
public readonly record struct PartRow(long PartKey, int ColorIndex, int NameWord1, int NameWord2, int Manufacturer, int CategoryNumber, int BrandNumber, int TypeIndex, int Size, int ContainerIndex)
{
    /// <summary>'lace spring'.</summary>
    public string Name => $"{SsbVocabulary.Colors[NameWord1]} {SsbVocabulary.Colors[NameWord2]}";

    public string Mfgr => SsbVocabulary.ManufacturerNames[Manufacturer - 1];

    public string Category => SsbVocabulary.CategoryNames[CategoryIndex];

    public string Brand1 => SsbVocabulary.BrandNames[(CategoryIndex * SsbVocabulary.BrandsPerCategory) + BrandNumber - 1];

    public string Color => SsbVocabulary.Colors[ColorIndex];

    public string Type => SsbVocabulary.PartTypes[TypeIndex];

    public string Container => SsbVocabulary.Containers[ContainerIndex];

    private int CategoryIndex => ((Manufacturer - 1) * SsbVocabulary.CategoriesPerManufacturer) + CategoryNumber - 1;

    /// <summary>TPC-H's retail price in cents, a function of the key alone (rpb_routine): 90,000 + ⌊key/10⌋ mod 20,001 + 100 × (key mod 1,000).</summary>
    public static long RetailPrice(long partKey) => 90_000 + (partKey / 10 % 20_001) + (100 * (partKey % 1_000));
}
