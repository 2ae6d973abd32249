namespace Olap.Datasets.Ssb;

/// <summary>
/// Customers in key order, drawn as dbgen's mk_cust draws them: an address, a nation uniform over the 25, a city
/// digit 0–9, a phone and a market segment, each from its own stream (<see cref="SsbStreams"/>).
/// </summary>
internal struct CustomerDraws
{
    private DbgenStream _address;
    private DbgenStream _nation;
    private DbgenStream _city;
    private DbgenStream _phone;
    private DbgenStream _segment;
    private long _next;

    public CustomerDraws(long seed, long firstKey)
    {
        _address = SsbStreams.At(SsbStream.CustomerAddress, seed, firstKey);
        _nation = SsbStreams.At(SsbStream.CustomerNation, seed, firstKey);
        _city = SsbStreams.At(SsbStream.City, seed, firstKey);
        _phone = SsbStreams.At(SsbStream.Phone, seed, firstKey);
        _segment = SsbStreams.At(SsbStream.CustomerSegment, seed, firstKey);
        _next = firstKey;
    }

    public CustomerRow Next()
    {
        var address = SsbAddress.Draw(ref _address);
        var nation = _nation.Next(0, SsbVocabulary.Nations.Length - 1);
        var city = _city.Next(0, SsbVocabulary.CitiesPerNation - 1);
        var phone = SsbPhone.Draw(nation, ref _phone);
        var segment = _segment.Pick(SsbVocabulary.MarketSegments.Length);
        return new CustomerRow(_next++, address, nation, city, phone, segment);
    }
}
