using System.Text;
using Olap.Columnar.Format;
using Olap.Columnar.Predicates;
using Olap.Columnar.Types;

namespace Olap.Columnar.Tests.Format;

/// <summary>
/// A table with a column of every type, NULLs in every column, and value shapes that invite every encoding
/// (runs, few distinct values, narrow ranges, wide random values, NaN and signed zeros, non-ASCII and long strings),
/// plus a generator of random predicates on it.
/// </summary>
internal static class SampleTable
{
    public const int Seq = 0;
    public const int Key = 1;
    public const int Small = 2;
    public const int Big = 3;
    public const int Real = 4;
    public const int Name = 5;
    public const int Day = 6;
    public const int Flag = 7;
    public const int Price = 8;
    public const int At = 9;

    public static readonly ColumnDefinition[] Columns =
    [
        new("seq", ColumnType.BigInt),
        new("key", ColumnType.Integer),
        new("small", ColumnType.SmallInt),
        new("big", ColumnType.BigInt),
        new("real", ColumnType.Double),
        new("name", ColumnType.Varchar),
        new("day", ColumnType.Date),
        new("flag", ColumnType.Boolean),
        new("price", ColumnType.Decimal(15, 2)),
        new("at", ColumnType.Timestamp),
    ];

    private static readonly long[] s_smallValues = [short.MinValue, -7, -1, 0, 1, 2, 100, short.MaxValue];

    private static readonly double[] s_specialDoubles =
        [-0.0, 0.0, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.MinValue, double.Epsilon, 1.5];

    private static readonly string[] s_names =
    [
        string.Empty, "a", "ab", "abc", "b", "Z", "zz", "é", "e\u0301", "日本", "日本語", "Ωmega", "naïve", "straße", "😀", "a\u0000b",
        "ÿ", "\u00a0", "Ärger", "zebra",
    ];

    private static readonly string[] s_pieces = ["a", "A", "z", "é", "日", "😀", "\u0000", "b"];

    private static readonly string[] s_longNames = [new string('x', 300), new string('y', 257) + "é", "long:" + new string('Ж', 200)];

    /// <summary>Rows in insertion order; column <see cref="Seq"/> is the row number and never NULL.</summary>
    public static List<ScalarValue[]> Rows(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<ScalarValue[]>(count);
        var price = 123_45L;
        for (var i = 0; i < count; i++)
        {
            if (random.Next(50) == 0)
            {
                price = random.NextInt64(-99_999_999_999_999, 99_999_999_999_999);
            }

            rows.Add(
            [
                ScalarValue.FromInt64(i),
                Nullable(random, 3, () => ScalarValue.FromInt64(random.Next(0, 5000))),
                Nullable(random, 5, () => ScalarValue.FromInt64(s_smallValues[random.Next(s_smallValues.Length)])),
                Nullable(random, 5, () => ScalarValue.FromInt64(random.Next(100) == 0 ? (random.Next(2) == 0 ? long.MinValue : long.MaxValue) : random.NextInt64(long.MinValue, long.MaxValue))),
                Nullable(random, 5, () => ScalarValue.FromDouble(RandomDouble(random))),
                Nullable(random, 5, () => ScalarValue.FromString(random.Next(100) == 0 ? s_longNames[random.Next(s_longNames.Length)] : s_names[random.Next(s_names.Length)])),
                i is >= 4096 and < 8192 ? ScalarValue.Null : Nullable(random, 5, () => ScalarValue.FromInt64(19_000 + random.Next(400))),
                Nullable(random, 10, () => ScalarValue.FromInt64(random.Next(2))),
                Nullable(random, 2, () => ScalarValue.FromInt64(price)),
                Nullable(random, 1, () => ScalarValue.FromInt64(1_700_000_000_000_000 + (i * 1000L) + random.Next(1000))),
            ]);
        }

        return rows;
    }

    /// <summary>1 to 3 random predicates on random columns (a column may be filtered twice), constants from the data, edges or beyond.</summary>
    public static ScanFilter[] RandomFilters(Random random, IReadOnlyList<ScalarValue[]> rows)
    {
        var filters = new ScanFilter[random.Next(1, 4)];
        for (var f = 0; f < filters.Length; f++)
        {
            var column = random.Next(Columns.Length);
            filters[f] = new ScanFilter(column, RandomPredicate(random, Columns[column].Type, rows, column));
        }

        return filters;
    }

    public static ColumnPredicate RandomPredicate(Random random, ColumnType type, IReadOnlyList<ScalarValue[]> rows, int column)
    {
        var kind = (ComparisonKind)random.Next((int)ComparisonKind.In + 1);
        return kind switch
        {
            ComparisonKind.Between => ColumnPredicate.Between(Constant(random, type, rows, column), Constant(random, type, rows, column)),
            ComparisonKind.In => ColumnPredicate.In(Enumerable.Range(0, random.Next(1, 5)).Select(_ => Constant(random, type, rows, column)).ToArray()),
            _ => ColumnPredicate.Compare(kind, Constant(random, type, rows, column)),
        };
    }

    public static string Describe(IReadOnlyList<ScanFilter> filters) =>
        string.Join(" AND ", filters.Select(f => $"{Columns[f.Column].Name} {f.Predicate}"));

    /// <summary>A value of the data half the time, otherwise an edge of the type's domain, a value beyond it, or any value.</summary>
    private static ScalarValue Constant(Random random, ColumnType type, IReadOnlyList<ScalarValue[]> rows, int column)
    {
        if (random.Next(2) == 0)
        {
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var value = rows[random.Next(rows.Count)][column];
                if (!value.IsNull)
                {
                    return value;
                }
            }
        }

        switch (type.Physical)
        {
            case PhysicalKind.Double:
                return ScalarValue.FromDouble(random.Next(4) switch
                {
                    0 => double.NaN,
                    1 => s_specialDoubles[random.Next(s_specialDoubles.Length)],
                    _ => RandomDouble(random),
                });
            case PhysicalKind.String:
                return ScalarValue.FromString(random.Next(3) switch
                {
                    0 => s_names[random.Next(s_names.Length)] + "a",
                    1 => RandomString(random),
                    _ => FirstCharacter(s_names[random.Next(s_names.Length)]),
                });
            default:
                var (min, max) = type.Physical switch
                {
                    PhysicalKind.Int8 => (0L, 1L),
                    PhysicalKind.Int16 => (short.MinValue, short.MaxValue),
                    PhysicalKind.Int32 => (int.MinValue, int.MaxValue),
                    _ => (long.MinValue, long.MaxValue),
                };
                long[] edges = [min, max, min - 1, max + 1, 0, -1, 1, 2, 255, 256, 100_000, -100_000, long.MinValue, long.MaxValue, 19_200, 2500, 1_700_000_000_010_000_000];
                return ScalarValue.FromInt64(random.Next(3) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : edges[random.Next(edges.Length)]);
        }
    }

    private static string FirstCharacter(string text) =>
        text.Length == 0 ? text : text[..(char.IsHighSurrogate(text[0]) ? 2 : 1)];

    private static ScalarValue Nullable(Random random, int nullPercent, Func<ScalarValue> value) =>
        random.Next(100) < nullPercent ? ScalarValue.Null : value();

    private static double RandomDouble(Random random) => random.Next(10_000) switch
    {
        < 2 => double.NaN,
        < 800 => s_specialDoubles[random.Next(s_specialDoubles.Length)],
        _ => Math.Round((random.NextDouble() * 200) - 100, 2),
    };

    private static string RandomString(Random random)
    {
        var text = new StringBuilder();
        var length = random.Next(0, 4);
        for (var i = 0; i < length; i++)
        {
            text.Append(s_pieces[random.Next(s_pieces.Length)]);
        }

        return text.ToString();
    }
}
