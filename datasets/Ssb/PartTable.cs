namespace Olap.Datasets.Ssb;

/// <summary>Part rows as dbgen's SSB mk_part draws them; every attribute uniform and independent.</summary>
internal static class PartTable
{
    public static readonly string[] Columns = ["p_partkey", "p_name", "p_mfgr", "p_category", "p_brand1", "p_color", "p_type", "p_size", "p_container"];

    public static PartRow Part(long seed, long key)
    {
        var random = new SsbRandom(seed, SsbTable.Part, key);
        var colors = SsbVocabulary.Colors.Length;

        // Three distinct colours (agg_str samples without replacement): draw from the shrinking list and step over the taken ones.
        var first = random.Next(0, colors - 1);
        var second = random.Next(0, colors - 2);
        second += second >= first ? 1 : 0;
        var third = random.Next(0, colors - 3);
        var (low, high) = first < second ? (first, second) : (second, first);
        third += third >= low ? 1 : 0;
        third += third >= high ? 1 : 0;

        var manufacturer = random.Next(1, SsbVocabulary.Manufacturers);
        var category = random.Next(1, SsbVocabulary.CategoriesPerManufacturer);
        var brand = random.Next(1, SsbVocabulary.BrandsPerCategory);
        var type = random.Next(0, SsbVocabulary.PartTypes.Length - 1);
        var size = random.Next(1, 50);
        var container = random.Next(0, SsbVocabulary.Containers.Length - 1);
        return new PartRow(key, first, second, third, manufacturer, category, brand, type, size, container);
    }

    public static void Write(in PartRow row, DelimitedRowWriter writer)
    {
        writer.Field(row.PartKey);
        writer.BeginField();
        writer.Append(SsbVocabulary.Colors[row.NameWord1]);
        writer.Append(' ');
        writer.Append(SsbVocabulary.Colors[row.NameWord2]);
        writer.EndField();
        writer.Field(row.Mfgr);
        writer.Field(row.Category);
        writer.Field(row.Brand1);
        writer.Field(row.Color);
        writer.Field(row.Type);
        writer.Field(row.Size);
        writer.Field(row.Container);
        writer.EndRow();
    }
}
