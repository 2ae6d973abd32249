using System.Globalization;
using System.Text;

namespace Olap.Query.Tests.Differential;

/// <summary>
/// A small star schema made from a fixed seed: a fact table <c>sales</c> and the dimensions <c>customer</c>,
/// <c>product</c> (unique keys) and <c>store</c> (some keys twice). Foreign keys sometimes miss their dimension or
/// are NULL; most columns have NULLs; strings include empty ones. The same seed always gives the same rows, and
/// both engines load the same CSV files.
/// </summary>
internal sealed class DifferentialData
{
    /// <summary>The seed of the data; the failure message of every comparison names it.</summary>
    public const int Seed = 20240611;

    public const int SalesRows = 6000;
    public const int CustomerRows = 500;
    public const int ProductRows = 200;
    public const int StoreKeys = 40;

    /// <summary>The fact table is loaded in this many COPY statements, so it has this many segments (morsels).</summary>
    public const int SalesFiles = 3;

    public static readonly string[] Regions = ["AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"];

    public static readonly string[] Nations =
    [
        "ALGERIA", "ARGENTINA", "BRAZIL", "CANADA", "EGYPT", "ETHIOPIA", "FRANCE", "GERMANY", "INDIA", "INDONESIA",
        "IRAN", "IRAQ", "JAPAN", "JORDAN", "KENYA", "MOROCCO", "MOZAMBIQUE", "PERU", "CHINA", "ROMANIA",
        "SAUDI ARABIA", "VIETNAM", "RUSSIA", "UNITED KINGDOM", "UNITED STATES",
    ];

    public static readonly string[] Segments = ["AUTOMOBILE", "BUILDING", "FURNITURE", "HOUSEHOLD", "MACHINERY", ""];

    public static readonly string[] Channels = ["web", "store", "phone", "mail", ""];

    public static readonly string[] Categories = ["MFGR#1", "MFGR#2", "MFGR#3", "MFGR#4", "MFGR#5"];

    public static readonly string[] Cities = ["Berlin", "Lima", "Osaka", "Paris", "Quito", "Rome", "Tunis", "Oslo", ""];

    public static readonly DateOnly FirstDate = new(2020, 1, 1);

    public static readonly DateOnly LastDate = new(2023, 12, 31);

    /// <summary>The tables in load order: name, column definitions and CSV files.</summary>
    public IReadOnlyList<TableData> Tables { get; }

    private DifferentialData(IReadOnlyList<TableData> tables) => Tables = tables;

    /// <summary>Writes the CSV files of the data made from <see cref="Seed"/> into <paramref name="directory"/>.</summary>
    public static DifferentialData Write(string directory)
    {
        var random = new Random(Seed);
        var tables = new List<TableData>
        {
            WriteCustomer(directory, random),
            WriteProduct(directory, random),
            WriteStore(directory, random),
            WriteSales(directory, random),
        };
        return new DifferentialData(tables);
    }

    private static TableData WriteCustomer(string directory, Random random)
    {
        var rows = new List<string?[]>();
        for (var id = 1; id <= CustomerRows; id++)
        {
            var nation = random.Next(Nations.Length);
            rows.Add(
            [
                Int(id),
                Maybe(random, 0.03, () => Word(random, "Customer#", 6)),
                Regions[nation % Regions.Length],
                Nations[nation],
                Maybe(random, 0.08, () => Pick(random, Segments)),
                Maybe(random, 0.05, () => Date(random)),
                Maybe(random, 0.1, () => Bool(random.Next(3) == 0)),
            ]);
        }

        return WriteTable(
            directory,
            "customer",
            "c_id INTEGER, c_name VARCHAR, c_region VARCHAR, c_nation VARCHAR, c_segment VARCHAR, c_since DATE, c_vip BOOLEAN",
            "c_id",
            [rows]);
    }

    private static TableData WriteProduct(string directory, Random random)
    {
        var rows = new List<string?[]>();
        for (var id = 1; id <= ProductRows; id++)
        {
            var category = random.Next(Categories.Length);
            rows.Add(
            [
                Int(1_000_000_000L + id),
                Categories[category],
                Maybe(random, 0.05, () => Categories[category] + "#" + Int(random.Next(1, 9))),
                Maybe(random, 0.05, () => Decimal(random, 0, 50_000)),
                Maybe(random, 0.05, () => Double(random, 0.1, 80)),
                Maybe(random, 0.05, () => Bool(random.Next(4) != 0)),
            ]);
        }

        return WriteTable(
            directory,
            "product",
            "p_id BIGINT, p_category VARCHAR, p_brand VARCHAR, p_cost DECIMAL(12,2), p_weight DOUBLE, p_active BOOLEAN",
            "p_id",
            [rows]);
    }

    private static TableData WriteStore(string directory, Random random)
    {
        var rows = new List<string?[]>();
        for (var id = 1; id <= StoreKeys; id++)
        {
            // Every eighth key is there twice, so a join with store can multiply rows.
            var copies = id % 8 == 0 ? 2 : 1;
            for (var copy = 0; copy < copies; copy++)
            {
                rows.Add(
                [
                    Int(id),
                    Maybe(random, 0.05, () => Pick(random, Cities)),
                    Maybe(random, 0.05, () => Int(random.Next(50, 5000))),
                    Maybe(random, 0.05, () => Date(random)),
                ]);
            }
        }

        return WriteTable(directory, "store", "s_id SMALLINT, s_city VARCHAR, s_size INTEGER, s_opened DATE", sortKey: null, [rows]);
    }

    private static TableData WriteSales(string directory, Random random)
    {
        var files = new List<List<string?[]>>();
        for (var file = 0; file < SalesFiles; file++)
        {
            files.Add([]);
        }

        for (var id = 1; id <= SalesRows; id++)
        {
            // Uneven files: 45 %, 45 %, 10 % of the rows.
            var file = id <= SalesRows * 45 / 100 ? 0 : id <= SalesRows * 90 / 100 ? 1 : 2;
            files[file].Add(
            [
                Int(id),
                ForeignKey(random, CustomerRows, 0),
                ForeignKey(random, ProductRows, 1_000_000_000L),
                ForeignKey(random, StoreKeys, 0),
                Maybe(random, 0.05, () => Int(random.Next(-5, 51))),
                Maybe(random, 0.05, () => Decimal(random, -10_000, 1_000_000)),
                Maybe(random, 0.05, () => Double(random, -100, 1000)),
                Maybe(random, 0.05, () => Int(random.NextInt64(0, 4_000_000_000_000_000L))),
                Maybe(random, 0.05, () => Pick(random, Channels)),
                Maybe(random, 0.05, () => random.Next(10) == 0 ? string.Empty : Word(random, "n", random.Next(1, 8))),
                Maybe(random, 0.05, () => Date(random)),
                Maybe(random, 0.05, () => Bool(random.Next(5) == 0)),
            ]);
        }

        return WriteTable(
            directory,
            "sales",
            "id INTEGER, cust_id INTEGER, prod_id BIGINT, store_id SMALLINT, qty SMALLINT, amount DECIMAL(12,2), "
            + "price DOUBLE, units BIGINT, channel VARCHAR, note VARCHAR, sale_date DATE, returned BOOLEAN",
            sortKey: null,
            files);
    }

    /// <summary>A key of the dimension most of the time; sometimes NULL, sometimes a key the dimension lacks.</summary>
    private static string? ForeignKey(Random random, int keys, long offset)
    {
        var roll = random.NextDouble();
        return roll < 0.03 ? null
            : roll < 0.08 ? Int(offset + keys + random.Next(1, 20))
            : Int(offset + random.Next(1, keys + 1));
    }

    private static TableData WriteTable(string directory, string name, string columns, string? sortKey, IReadOnlyList<List<string?[]>> files)
    {
        var header = string.Join(',', columns.Split(", ").Select(c => c.Split(' ')[0]));
        var paths = new List<string>();
        for (var i = 0; i < files.Count; i++)
        {
            var path = Path.Combine(directory, files.Count == 1 ? $"{name}.csv" : $"{name}_{i}.csv");
            var text = new StringBuilder().Append(header).Append('\n');
            foreach (var row in files[i])
            {
                text.AppendJoin(',', row.Select(Field)).Append('\n');
            }

            File.WriteAllText(path, text.ToString());
            paths.Add(path);
        }

        return new TableData(name, columns, sortKey, paths, files.Sum(f => f.Count));
    }

    /// <summary>NULL is an empty unquoted field; numbers, dates and booleans are bare; every string is quoted, so the empty string is <c>""</c>.</summary>
    private static string Field(string? value) => value switch
    {
        null => string.Empty,
        _ when value.Length == 0 || !IsUnquoted(value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        _ => value,
    };

    private static bool IsUnquoted(string value) => value[0] is '-' or (>= '0' and <= '9') || value is "true" or "false";

    private static string? Maybe(Random random, double nullFraction, Func<string> value)
        => random.NextDouble() < nullFraction ? null : value();

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Decimal(Random random, long minCents, long maxCents)
        => (random.NextInt64(minCents, maxCents) / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Double(Random random, double min, double max)
        => Math.Round(min + random.NextDouble() * (max - min), 3).ToString("R", CultureInfo.InvariantCulture);

    private static string Date(Random random)
        => FirstDate.AddDays(random.Next(LastDate.DayNumber - FirstDate.DayNumber + 1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Word(Random random, string prefix, int letters)
    {
        var text = new StringBuilder(prefix);
        for (var i = 0; i < letters; i++)
        {
            text.Append((char)('a' + random.Next(26)));
        }

        return text.ToString();
    }
}

/// <summary>One table of the differential data: its DDL column list, optional sort key and its CSV files.</summary>
internal sealed record TableData(string Name, string Columns, string? SortKey, IReadOnlyList<string> Files, int RowCount);
