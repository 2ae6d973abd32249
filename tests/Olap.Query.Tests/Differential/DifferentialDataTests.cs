using System.Numerics;

namespace Olap.Query.Tests.Differential;

/// <summary>The generated data has what the differential queries rely on, and both engines loaded all of it.</summary>
[Collection(DifferentialCollection.Name)]
public sealed class DifferentialDataTests(DifferentialEngines engines)
{
    [Fact]
    public void The_same_seed_writes_the_same_files()
    {
        var first = Path.Combine(Path.GetTempPath(), "olap-differential-" + Guid.NewGuid().ToString("N"));
        var second = Path.Combine(Path.GetTempPath(), "olap-differential-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(first);
        Directory.CreateDirectory(second);
        try
        {
            var a = DifferentialData.Write(first);
            var b = DifferentialData.Write(second);
            var filesA = a.Tables.SelectMany(t => t.Files).ToList();
            var filesB = b.Tables.SelectMany(t => t.Files).ToList();
            Assert.Equal(filesA.Count, filesB.Count);
            for (var i = 0; i < filesA.Count; i++)
            {
                Assert.Equal(File.ReadAllText(filesA[i]), File.ReadAllText(filesB[i]));
            }
        }
        finally
        {
            Directory.Delete(first, recursive: true);
            Directory.Delete(second, recursive: true);
        }
    }

    [Fact]
    public void Both_engines_load_every_row()
    {
        foreach (var table in engines.Tables)
        {
            var sql = $"SELECT count(*) FROM {table.Name}";
            Assert.Equal(new BigInteger(table.RowCount), engines.QueryDuckDb(sql).Rows[0][0]);
            Assert.Equal(new BigInteger(table.RowCount), engines.QueryOlap(sql, threads: 1).Rows[0][0]);
        }
    }

    [Fact]
    public void The_fact_table_is_in_several_segments()
        => Assert.Equal(DifferentialData.SalesFiles, engines.Tables.Single(t => t.Name == "sales").Files.Count);

    [Theory]
    [InlineData("sales", "cust_id")]
    [InlineData("sales", "prod_id")]
    [InlineData("sales", "store_id")]
    [InlineData("sales", "qty")]
    [InlineData("sales", "amount")]
    [InlineData("sales", "price")]
    [InlineData("sales", "units")]
    [InlineData("sales", "channel")]
    [InlineData("sales", "note")]
    [InlineData("sales", "sale_date")]
    [InlineData("sales", "returned")]
    [InlineData("customer", "c_segment")]
    [InlineData("product", "p_cost")]
    [InlineData("store", "s_city")]
    public void Columns_have_nulls(string table, string column)
        => Assert.NotEqual(BigInteger.Zero, engines.QueryDuckDb($"SELECT count(*) FROM {table} WHERE {column} IS NULL").Rows[0][0]);

    [Theory]
    [InlineData("sales", "channel")]
    [InlineData("sales", "note")]
    [InlineData("customer", "c_segment")]
    [InlineData("store", "s_city")]
    public void Strings_include_empty_ones(string table, string column)
        => Assert.NotEqual(BigInteger.Zero, engines.QueryDuckDb($"SELECT count(*) FROM {table} WHERE {column} = ''").Rows[0][0]);

    [Theory]
    [InlineData("cust_id", "customer", "c_id")]
    [InlineData("prod_id", "product", "p_id")]
    [InlineData("store_id", "store", "s_id")]
    public void Some_foreign_keys_miss_their_dimension(string foreignKey, string dimension, string key)
    {
        var sql = $"SELECT count(*) FROM sales WHERE {foreignKey} IS NOT NULL AND {foreignKey} NOT IN (SELECT {key} FROM {dimension})";
        Assert.NotEqual(BigInteger.Zero, engines.QueryDuckDb(sql).Rows[0][0]);
    }

    [Fact]
    public void Store_has_duplicate_keys_and_the_other_dimensions_do_not()
    {
        const string Duplicates = "SELECT count(*) FROM (SELECT {0} FROM {1} GROUP BY {0} HAVING count(*) > 1) AS d";
        Assert.NotEqual(BigInteger.Zero, engines.QueryDuckDb(string.Format(null, Duplicates, "s_id", "store")).Rows[0][0]);
        Assert.Equal(BigInteger.Zero, engines.QueryDuckDb(string.Format(null, Duplicates, "c_id", "customer")).Rows[0][0]);
        Assert.Equal(BigInteger.Zero, engines.QueryDuckDb(string.Format(null, Duplicates, "p_id", "product")).Rows[0][0]);
    }

    [Fact]
    public void The_sum_of_units_needs_more_than_64_bits()
    {
        var sum = (BigInteger)engines.QueryDuckDb("SELECT sum(units) FROM sales").Rows[0][0]!;
        Assert.True(sum > long.MaxValue, $"sum(units) = {sum}");
    }
}
