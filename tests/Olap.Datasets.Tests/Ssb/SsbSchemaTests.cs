using Olap.Datasets.Ssb;

namespace Olap.Datasets.Tests.Ssb;

public sealed class SsbSchemaTests
{
    [Fact]
    public void The_embedded_schema_is_benchmarks_ssb_schema_sql()
    {
        Assert.Equal(File.ReadAllText(RepositoryFiles.PathOf("benchmarks", "ssb", "schema.sql")), SsbSchema.Text);
    }

    [Fact]
    public void Every_table_lists_the_schemas_columns_in_order()
    {
        foreach (var table in SsbGenerator.Tables)
        {
            var name = SsbGenerator.TableName(table);
            var start = SsbSchema.Text.IndexOf($"CREATE TABLE {name} (", StringComparison.Ordinal);
            var body = SsbSchema.Text[start..SsbSchema.Text.IndexOf(')', start)];
            var columns = body.Split('\n').Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => l.Split(' ')[0]).ToArray();
            Assert.Equal(columns, SsbGenerator.Columns(table));
        }
    }
}
