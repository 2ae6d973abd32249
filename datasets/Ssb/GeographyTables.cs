namespace Olap.Datasets.Ssb;

/// <summary>
/// Customer and supplier rows as text. <see cref="CustomerDraws"/> and <see cref="SupplierDraws"/> make them.
/// </summary>
internal static class GeographyTables
{
    public static readonly string[] CustomerColumns = ["c_custkey", "c_name", "c_address", "c_city", "c_nation", "c_region", "c_phone", "c_mktsegment"];

    public static readonly string[] SupplierColumns = ["s_suppkey", "s_name", "s_address", "s_city", "s_nation", "s_region", "s_phone"];

    public static void Write(in CustomerRow row, DelimitedRowWriter writer)
    {
        writer.Field(row.CustKey);
        WriteName("Customer#", row.CustKey, writer);
        WriteAddress(row.AddressText, writer);
        writer.Field(row.City);
        writer.Field(row.Nation);
        writer.Field(row.Region);
        WritePhone(row.PhoneNumber, writer);
        writer.Field(row.MarketSegment);
        writer.EndRow();
    }

    public static void Write(in SupplierRow row, DelimitedRowWriter writer)
    {
        writer.Field(row.SuppKey);
        WriteName("Supplier#", row.SuppKey, writer);
        WriteAddress(row.AddressText, writer);
        writer.Field(row.City);
        writer.Field(row.Nation);
        writer.Field(row.Region);
        WritePhone(row.PhoneNumber, writer);
        writer.EndRow();
    }

    private static void WriteName(string tag, long key, DelimitedRowWriter writer)
    {
        writer.BeginField();
        writer.Append(tag);
        writer.Append(key, 9);
        writer.EndField();
    }

    private static void WriteAddress(SsbAddress address, DelimitedRowWriter writer)
    {
        Span<char> text = stackalloc char[SsbAddress.MaxLength];
        address.Fill(text);
        writer.Field(text[..address.Length]);
    }

    private static void WritePhone(SsbPhone phone, DelimitedRowWriter writer)
    {
        writer.BeginField();
        phone.Append(writer);
        writer.EndField();
    }
}
