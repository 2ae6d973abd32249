using System.Globalization;
using System.Text;

namespace Olap.Query.Tests.Differential;

/// <summary>
/// Queries drawn from a small grammar with a fixed seed, so every run has the same ones: the fact table joined
/// with none to all three dimensions (inner or left), a WHERE of comparisons with constants of the column's type,
/// BETWEEN, IN lists, IS NULL and AND/OR/NOT (the constants of half the queries cast to the column's exact
/// type, the others plain literals), then either an aggregate list over random GROUP BY keys (sometimes
/// with HAVING), a top-N ordered by a column and the unique id, or a plain (sometimes DISTINCT) projection.
/// </summary>
internal sealed class RandomQueries
{
    /// <summary>The seed of the query grammar; a failure message names it with the query number.</summary>
    public const int Seed = 1_234_567;

    public const int Count = 240;

    private enum Kind
    {
        Integer,
        Decimal,
        Double,
        String,
        Date,
        Boolean,
    }

    /// <summary>
    /// A column the grammar may use: its numeric range or its values, whether it is a good GROUP BY key, and the
    /// prefix of its high-cardinality strings.
    /// </summary>
    private sealed record Column(string Name, Kind Kind, bool GroupKey, long Low = 0, long High = 0, string[]? Values = null, string? Prefix = null, string? SqlType = null);

    private sealed record Table(string Name, string Alias, string? JoinCondition, Column[] Columns);

    private static readonly string[] Brands = DifferentialData.Categories.SelectMany(c => Enumerable.Range(1, 8).Select(i => c + "#" + i)).ToArray();

    private static readonly Table Sales = new("sales", "f", null,
    [
        new("id", Kind.Integer, false, 1, DifferentialData.SalesRows),
        new("cust_id", Kind.Integer, true, 1, DifferentialData.CustomerRows + 20),
        new("prod_id", Kind.Integer, false, 1_000_000_001, 1_000_000_000 + DifferentialData.ProductRows + 20, SqlType: "BIGINT"),
        new("store_id", Kind.Integer, true, 1, DifferentialData.StoreKeys + 20, SqlType: "SMALLINT"),
        new("qty", Kind.Integer, true, -5, 50, SqlType: "SMALLINT"),
        new("amount", Kind.Decimal, false, -10_000, 1_000_000, SqlType: "DECIMAL(12,2)"),
        new("price", Kind.Double, false, -100, 1000, SqlType: "DOUBLE"),
        new("units", Kind.Integer, false, 0, 4_000_000_000_000_000, SqlType: "BIGINT"),
        new("channel", Kind.String, true, Values: DifferentialData.Channels),
        new("note", Kind.String, false, Prefix: "n"),
        new("sale_date", Kind.Date, true),
        new("returned", Kind.Boolean, true),
    ]);

    private static readonly Table[] Dimensions =
    [
        new("customer", "c", "f.cust_id = c.c_id",
        [
            new("c_id", Kind.Integer, false, 1, DifferentialData.CustomerRows),
            new("c_name", Kind.String, false, Prefix: "Customer#"),
            new("c_region", Kind.String, true, Values: DifferentialData.Regions),
            new("c_nation", Kind.String, true, Values: DifferentialData.Nations),
            new("c_segment", Kind.String, true, Values: DifferentialData.Segments),
            new("c_since", Kind.Date, false),
            new("c_vip", Kind.Boolean, true),
        ]),
        new("product", "p", "f.prod_id = p.p_id",
        [
            new("p_id", Kind.Integer, false, 1_000_000_001, 1_000_000_000 + DifferentialData.ProductRows, SqlType: "BIGINT"),
            new("p_category", Kind.String, true, Values: DifferentialData.Categories),
            new("p_brand", Kind.String, true, Values: Brands),
            new("p_cost", Kind.Decimal, false, 0, 50_000, SqlType: "DECIMAL(12,2)"),
            new("p_weight", Kind.Double, false, 0, 80, SqlType: "DOUBLE"),
            new("p_active", Kind.Boolean, true),
        ]),
        new("store", "s", "f.store_id = s.s_id",
        [
            new("s_id", Kind.Integer, false, 1, DifferentialData.StoreKeys, SqlType: "SMALLINT"),
            new("s_city", Kind.String, true, Values: DifferentialData.Cities),
            new("s_size", Kind.Integer, false, 50, 5000),
            new("s_opened", Kind.Date, false),
        ]),
    ];

    private static readonly string[] Comparisons = ["=", "<>", "<", "<=", ">", ">="];

    private readonly Random _random;

    /// <summary>
    /// Whether the current query writes its constants with a CAST to the column's exact type, so the comparison
    /// needs no implicit conversion, or as plain literals (INTEGER, DECIMAL(p,s)) that the typing rules convert.
    /// </summary>
    private bool _typedConstants;

    private RandomQueries(int seed) => _random = new Random(seed);

    /// <summary>The <see cref="Count"/> queries of <see cref="Seed"/>, always the same.</summary>
    public static IReadOnlyList<HandWrittenQueries.Query> All { get; } = Generate(Seed, Count);

    public static IReadOnlyList<HandWrittenQueries.Query> Generate(int seed, int count)
    {
        var generator = new RandomQueries(seed);
        var queries = new List<HandWrittenQueries.Query>(count);
        for (var i = 0; i < count; i++)
        {
            queries.Add(generator.Next(string.Create(CultureInfo.InvariantCulture, $"random {i:D3}")));
        }

        return queries;
    }

    private HandWrittenQueries.Query Next(string name)
    {
        _typedConstants = _random.Next(2) == 0;
        var joined = Dimensions.Where(_ => _random.Next(3) == 0).ToList();
        var from = new StringBuilder("sales f");
        foreach (var dimension in joined)
        {
            from.Append(_random.Next(4) == 0 ? " LEFT JOIN " : " JOIN ")
                .Append(dimension.Name).Append(' ').Append(dimension.Alias)
                .Append(" ON ").Append(dimension.JoinCondition);
        }

        var columns = new[] { Sales }.Concat(joined)
            .SelectMany(t => t.Columns.Select(c => (Qualified: t.Alias + "." + c.Name, Column: c)))
            .ToList();
        var where = _random.Next(5) == 0 ? string.Empty : " WHERE " + Predicate(columns, depth: 0);
        var shape = _random.Next(10);
        if (shape < 6)
        {
            return new(name, Aggregate(columns, from.ToString(), where));
        }

        // f.id is unique unless store (whose keys repeat) is joined.
        if (shape < 8 && !joined.Any(t => t.Name == "store"))
        {
            var order = Pick(columns);
            var selected = Distinct(Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Pick(columns).Qualified).Prepend(order.Qualified).Prepend("f.id"));
            var direction = _random.Next(2) == 0 ? " DESC" : string.Empty;
            return new(
                name,
                $"SELECT {string.Join(", ", selected)} FROM {from}{where} ORDER BY {order.Qualified}{direction}, f.id LIMIT {_random.Next(1, 60)}",
                Ordered: true);
        }

        var distinct = _random.Next(3) == 0;
        var projected = Distinct(Enumerable.Range(0, _random.Next(1, 5))
            .Select(_ => Pick(distinct ? columns.Where(c => c.Column.GroupKey).ToList() : columns).Qualified));
        return new(name, $"SELECT {(distinct ? "DISTINCT " : string.Empty)}{string.Join(", ", projected)} FROM {from}{where}");
    }

    private string Aggregate(List<(string Qualified, Column Column)> columns, string from, string where)
    {
        var keys = Distinct(Enumerable.Range(0, _random.Next(4)).Select(_ => Pick(columns.Where(c => c.Column.GroupKey).ToList()).Qualified));
        var aggregates = Enumerable.Range(0, _random.Next(1, 5)).Select(_ => AggregateCall(Pick(columns))).ToList();
        var sql = new StringBuilder("SELECT ").AppendJoin(", ", keys.Concat(aggregates)).Append(" FROM ").Append(from).Append(where);
        if (keys.Count > 0)
        {
            sql.Append(" GROUP BY ").AppendJoin(", ", keys);
            if (_random.Next(5) == 0)
            {
                sql.Append(" HAVING count(*) > ").Append(_random.Next(1, 30).ToString(CultureInfo.InvariantCulture));
            }
        }

        return sql.ToString();
    }

    private string AggregateCall((string Qualified, Column Column) column)
    {
        var functions = column.Column.Kind switch
        {
            Kind.Integer or Kind.Decimal or Kind.Double => new[] { "count", "sum", "avg", "min", "max", "count distinct" },
            Kind.String or Kind.Date => ["count", "min", "max", "count distinct"],
            _ => ["count", "count distinct"],
        };
        var function = _random.Next(8) == 0 ? "count(*)" : functions[_random.Next(functions.Length)];
        return function switch
        {
            "count(*)" => "count(*)",
            "count distinct" => $"count(DISTINCT {column.Qualified})",
            _ => $"{function}({column.Qualified})",
        };
    }

    private string Predicate(List<(string Qualified, Column Column)> columns, int depth)
    {
        var roll = _random.Next(10);
        if (depth < 2 && roll < 3)
        {
            var parts = Enumerable.Range(0, _random.Next(2, 4)).Select(_ => Predicate(columns, depth + 1));
            return "(" + string.Join(_random.Next(2) == 0 ? " AND " : " OR ", parts) + ")";
        }

        if (depth < 2 && roll == 3)
        {
            return "NOT (" + Predicate(columns, depth + 1) + ")";
        }

        return Simple(Pick(columns));
    }

    private string Simple((string Qualified, Column Column) column)
    {
        var name = column.Qualified;
        var roll = _random.Next(12);
        if (roll == 0)
        {
            return name + (_random.Next(2) == 0 ? " IS NULL" : " IS NOT NULL");
        }

        if (column.Column.Kind == Kind.Boolean)
        {
            return roll switch
            {
                < 4 => name,
                < 7 => "NOT " + name,
                _ => $"{name} {(_random.Next(2) == 0 ? "=" : "<>")} {Constant(column.Column)}",
            };
        }

        if (roll == 1)
        {
            var (low, high) = (Constant(column.Column), Constant(column.Column));
            return $"{name} BETWEEN {low} AND {high}";
        }

        if (roll == 2)
        {
            var values = Enumerable.Range(0, _random.Next(1, 5)).Select(_ => Constant(column.Column));
            return $"{name} {(_random.Next(3) == 0 ? "NOT IN" : "IN")} ({string.Join(", ", values)})";
        }

        return $"{name} {Comparisons[_random.Next(Comparisons.Length)]} {Constant(column.Column)}";
    }

    /// <summary>A constant of the column's type, mostly inside its range so that predicates select some rows.</summary>
    private string Constant(Column column)
    {
        var literal = Literal(column);
        return _typedConstants && column.SqlType is not null ? $"CAST({literal} AS {column.SqlType})" : literal;
    }

    private string Literal(Column column)
    {
        switch (column.Kind)
        {
            case Kind.Integer:
                return _random.NextInt64(column.Low, column.High + 1).ToString(CultureInfo.InvariantCulture);
            case Kind.Decimal:
                return (_random.NextInt64(column.Low, column.High + 1) / 100m).ToString("0.00", CultureInfo.InvariantCulture);
            case Kind.Double:
                return (column.Low + (_random.Next(10 * (int)(column.High - column.Low)) / 10.0)).ToString("0.0", CultureInfo.InvariantCulture);
            case Kind.Date:
                var days = DifferentialData.LastDate.DayNumber - DifferentialData.FirstDate.DayNumber;
                return "DATE '" + DifferentialData.FirstDate.AddDays(_random.Next(-30, days + 30)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'";
            case Kind.Boolean:
                return _random.Next(2) == 0 ? "true" : "false";
            default:
                if (column.Values is not null)
                {
                    return Quote(_random.Next(8) == 0 ? "zz" : column.Values[_random.Next(column.Values.Length)]);
                }

                var text = new StringBuilder(column.Prefix);
                for (var i = _random.Next(3); i > 0; i--)
                {
                    text.Append((char)('a' + _random.Next(26)));
                }

                return Quote(text.ToString());
        }
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static List<string> Distinct(IEnumerable<string> names) => names.Distinct(StringComparer.Ordinal).ToList();
}
