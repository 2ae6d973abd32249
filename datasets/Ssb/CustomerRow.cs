namespace Olap.Datasets.Ssb;

/// <summary>One customer. Text columns come from the vocabulary's shared strings except the generated name, address and phone.</summary>
public readonly record struct CustomerRow(long CustKey, SsbAddress AddressText, int NationIndex, int CityDigit, SsbPhone PhoneNumber, int SegmentIndex)
{
    /// <summary>'Customer#000000001'.</summary>
    public string Name => $"Customer#{CustKey:D9}";

    public string Address => AddressText.ToString();

    public string City => SsbVocabulary.Cities[(NationIndex * SsbVocabulary.CitiesPerNation) + CityDigit];

    public string Nation => SsbVocabulary.Nations[NationIndex];

    public string Region => SsbVocabulary.Regions[SsbVocabulary.NationRegion[NationIndex]];

    public string Phone => PhoneNumber.ToString();

    public string MarketSegment => SsbVocabulary.MarketSegments[SegmentIndex];
}
