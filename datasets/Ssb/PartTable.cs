namespace Olap.Datasets.Ssb;

/// <summary>Part rows as text. <see cref="PartDraws"/> makes them.</summary>
internal static class PartTable
{
    public static readonly string[] Columns = ["p_partkey", "p_name", "p_mfgr", "p_category", "p_brand1", "p_color", "p_type", "p_size", "p_container"];

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
