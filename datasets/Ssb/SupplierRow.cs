namespace Olap.Datasets.Ssb;

/// <summary>One supplier: a customer without a market segment (dbgen's mk_supp).</summary>
public readonly record struct SupplierRow(long SuppKey, SsbAddress AddressText, int NationIndex, int CityDigit, SsbPhone PhoneNumber)
{
    /// <summary>'Supplier#000000001'.</summary>
    public string Name => $"Supplier#{SuppKey:D9}";

    public string Address => AddressText.ToString();

    public string City => SsbVocabulary.Cities[(NationIndex * SsbVocabulary.CitiesPerNation) + CityDigit];

    public string Nation => SsbVocabulary.Nations[NationIndex];

    public string Region => SsbVocabulary.Regions[SsbVocabulary.NationRegion[NationIndex]];

    public string Phone => PhoneNumber.ToString();
}
