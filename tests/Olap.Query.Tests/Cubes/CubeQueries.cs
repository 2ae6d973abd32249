using System.Globalization;
using System.Text;
using Olap.Query.Tests.Differential;

namespace Olap.Query.Tests.Cubes;

/// <summary>
/// The cubes of the differential test over the differential data (sales and its dimensions), and random aggregate
/// queries around them, from a fixed seed. Most queries fit a cube: the cube's tables joined as the cube joins them
/// (written with JOIN ... ON or as a comma list with the join in WHERE, tables in any order), filters and groups on
/// its dimensions, aggregates its measures can give. About one in six is made to miss in one way (a filter or group
/// on a column that is not a dimension, an aggregate the cube may not keep, the cube's own WHERE left out), so the
/// optimizer must see when the cube cannot answer.
/// </summary>
internal static class CubeQueries
{
    public const int Seed = 8_675_309;

    public const int Count = 300;

    public static readonly string[] Definitions =
    [
        """
        CREATE MATERIALIZED VIEW cube_customer AS
        SELECT c_region, c_nation, channel, sale_date, returned,
               sum(amount) AS amount, count(*) AS n, count(qty) AS qty_rows, sum(qty) AS qty, min(price) AS low, max(price) AS high, avg(qty) AS mean_qty
        FROM sales JOIN customer ON cust_id = c_id
        GROUP BY c_region, c_nation, channel, sale_date, returned
        """,
        """
        CREATE MATERIALIZED VIEW cube_product AS
        SELECT p_category, p_brand, s_city, s_size, sum(amount) AS amount, count(*) AS n, sum(qty) AS qty, min(qty) AS least, max(amount) AS most, avg(price) AS mean_price
        FROM sales JOIN product ON prod_id = p_id JOIN store ON store_id = s_id
        WHERE p_active = true
        GROUP BY GROUPING SETS ((p_category, p_brand, s_city), (p_category, s_size), ())
        """,
        """
        CREATE MATERIALIZED VIEW cube_sales AS
        SELECT channel, qty, returned, sum(amount) AS amount, count(*) AS n, count(price) AS priced, avg(price) AS mean_price, max(sale_date) AS last_sale
        FROM sales
        GROUP BY CUBE (channel, qty, returned)
        """,
    ];

    private sealed record Shape(string[] Tables, string[] Joins, string? CubeWhere, string[] Dimensions, string[] OtherColumns, string[] Measures, string[] Misses);

    private static readonly Shape[] Shapes =
    [
        new(
            ["sales", "customer"],
            ["cust_id = c_id"],
            null,
            ["c_region", "c_nation", "channel", "sale_date", "returned"],
            ["c_segment", "note", "store_id"],
            ["sum(amount)", "count(*)", "count(qty)", "sum(qty)", "min(price)", "max(price)", "avg(qty)", "min(sale_date)", "max(c_nation)", "count(DISTINCT channel)", "sum(DISTINCT qty)"],
            ["sum(price)", "avg(amount)", "count(price)", "min(qty)"]),
        new(
            ["sales", "product", "store"],
            ["prod_id = p_id", "store_id = s_id"],
            "p_active = true",
            ["p_category", "p_brand", "s_city", "s_size"],
            ["p_weight", "s_opened", "channel"],
            ["sum(amount)", "count(*)", "sum(qty)", "min(qty)", "max(amount)", "avg(price)", "count(DISTINCT p_brand)", "max(s_city)"],
            ["count(qty)", "min(amount)", "avg(qty)"]),
        new(
            ["sales"],
            [],
            null,
            ["channel", "qty", "returned"],
            ["note", "store_id", "price"],
            ["sum(amount)", "count(*)", "count(price)", "avg(price)", "max(sale_date)", "min(qty)", "count(DISTINCT channel)"],
            ["sum(price)", "min(sale_date)", "count(amount)"]),
    ];

    public static IReadOnlyList<string> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var queries = new List<string>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (queries.Count < count)
        {
            var sql = Query(random, Shapes[random.Next(Shapes.Length)]);
            if (seen.Add(sql))
            {
                queries.Add(sql);
            }
        }

        return queries;
    }

    private static string Query(Random random, Shape shape)
    {
        // At most one deliberate miss per query; the others should be answerable.
        var miss = random.Next(6) == 0 ? random.Next(4) : -1;
        var groups = shape.Dimensions.Where(_ => random.Next(3) == 0).ToList();
        if (miss == 0)
        {
            groups.Add(Pick(random, shape.OtherColumns));
        }

        var aggregates = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(random, shape.Measures)).Distinct().ToList();
        if (miss == 1)
        {
            aggregates.Add(Pick(random, shape.Misses));
        }

        var conditions = new List<string>(shape.Joins);
        if (shape.CubeWhere is not null && miss != 2)
        {
            conditions.Add(shape.CubeWhere);
        }

        var filters = random.Next(3);
        for (var i = 0; i < filters; i++)
        {
            conditions.Add(Filter(random, Pick(random, shape.Dimensions)));
        }

        if (miss == 3)
        {
            conditions.Add(Filter(random, Pick(random, shape.OtherColumns)));
        }

        var text = new StringBuilder("SELECT ");
        text.AppendJoin(", ", groups.Concat(aggregates));
        text.Append(" FROM ");
        var tables = shape.Tables.OrderBy(_ => random.Next()).ToList();
        if (random.Next(2) == 0 || tables.Count == 1)
        {
            text.AppendJoin(", ", tables);
        }
        else
        {
            // JOIN ... ON from the fact table, whichever order the dimensions come in.
            text.Append("sales");
            var joins = shape.Joins.OrderBy(_ => random.Next()).ToList();
            foreach (var join in joins)
            {
                var dimension = shape.Tables.Skip(1).First(t => join.Contains(t[0] + "_id", StringComparison.Ordinal));
                text.Append(" JOIN ").Append(dimension).Append(" ON ").Append(join);
                conditions.Remove(join);
            }
        }

        conditions = [.. conditions.OrderBy(_ => random.Next())];
        if (conditions.Count > 0)
        {
            text.Append(" WHERE ").AppendJoin(" AND ", conditions);
        }

        if (groups.Count > 0)
        {
            text.Append(" GROUP BY ").AppendJoin(", ", groups);
            if (random.Next(5) == 0)
            {
                text.Append(" HAVING count(*) > 1");
            }
        }

        return text.ToString();
    }

    private static string Filter(Random random, string column) => column switch
    {
        "c_region" => $"c_region = '{Pick(random, DifferentialData.Regions)}'",
        "c_nation" => random.Next(2) == 0 ? $"c_nation IN ('{Pick(random, DifferentialData.Nations)}', '{Pick(random, DifferentialData.Nations)}')" : $"c_nation < '{Pick(random, DifferentialData.Nations)}'",
        "c_segment" => $"c_segment = '{Pick(random, DifferentialData.Segments)}'",
        "channel" => random.Next(3) == 0 ? "channel IS NULL" : $"channel = '{Pick(random, DifferentialData.Channels)}'",
        "sale_date" => $"sale_date BETWEEN DATE '{Day(random)}' AND DATE '{Day(random)}'",
        "returned" => random.Next(2) == 0 ? "returned" : "(NOT returned OR returned IS NULL)",
        "p_category" => $"p_category = '{Pick(random, DifferentialData.Categories)}'",
        "p_brand" => $"p_brand LIKE '{Pick(random, DifferentialData.Categories)}#%'",
        "s_city" => $"s_city <> '{Pick(random, DifferentialData.Cities)}'",
        "s_size" => $"s_size > {random.Next(0, 100)}",
        "qty" => $"qty BETWEEN {random.Next(-5, 20)} AND {random.Next(20, 51)}",
        "p_weight" => $"p_weight > {random.Next(0, 50)}",
        "s_opened" => $"s_opened > DATE '{Day(random)}'",
        "note" => "note LIKE 'n%'",
        "store_id" => $"store_id < {random.Next(1, 40)}",
        "price" => $"price > {random.Next(0, 500)}",
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "no filter for this column"),
    };

    private static string Day(Random random)
        => DifferentialData.FirstDate.AddDays(random.Next(DifferentialData.LastDate.DayNumber - DifferentialData.FirstDate.DayNumber + 1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
