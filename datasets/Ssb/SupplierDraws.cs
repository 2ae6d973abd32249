namespace Olap.Datasets.Ssb;

/// <summary>
/// Suppliers in key order, drawn as dbgen's mk_supp draws them: a customer's draws without the market segment.
/// The phone comes from the customers' phone stream, as in dbgen, which is why supplier n and customer n share
/// a phone number (with their own nation prefix) when each table is generated on its own.
/// </summary>
internal struct SupplierDraws
{
    private DbgenStream _address;
    private DbgenStream _nation;
    private DbgenStream _city;
    private DbgenStream _phone;
    private long _next;

    public SupplierDraws(long seed, long firstKey)
    {
        _address = SsbStreams.At(SsbStream.SupplierAddress, seed, firstKey);
        _nation = SsbStreams.At(SsbStream.SupplierNation, seed, firstKey);
        _city = SsbStreams.At(SsbStream.City, seed, firstKey);
        _phone = SsbStreams.At(SsbStream.Phone, seed, firstKey);
        _next = firstKey;
    }

    public SupplierRow Next()
    {
        var address = SsbAddress.Draw(ref _address);
        var nation = _nation.Next(0, SsbVocabulary.Nations.Length - 1);
        var city = _city.Next(0, SsbVocabulary.CitiesPerNation - 1);
        var phone = SsbPhone.Draw(nation, ref _phone);
        return new SupplierRow(_next++, address, nation, city, phone);
    }
}
