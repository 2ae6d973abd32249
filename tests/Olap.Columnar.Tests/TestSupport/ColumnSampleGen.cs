using CsCheck;
using Olap.Columnar.Types;

namespace Olap.Columnar.Tests.TestSupport;

/// <summary>
/// CsCheck generators of column chunks of every type in the shapes the encodings care about: empty, one value,
/// constant, distinct, all NULL, NULLs leading, trailing and in runs, extremes, sorted, low cardinality, runs,
/// long and non-ASCII strings, and random chunks up to <see cref="MaxRows"/> rows.
/// </summary>
public static class ColumnSampleGen
{
    public const int MaxRows = 10_000;

    /// <summary>A 10 KB string is longer than any vector of offsets a short chunk has.</summary>
    public const int LongStringChars = 10 * 1024;

    private static readonly Gen<ScalarValue> s_double = Gen.Frequency(
        (3, Gen.Double.Select(ScalarValue.FromDouble)),
        (2, Gen.Double[-1000, 1000].Select(ScalarValue.FromDouble)),
        (2, Gen.Int[-20, 20].Select(i => ScalarValue.FromDouble(i))),
        (1, Gen.Double.Special.Select(ScalarValue.FromDouble)),
        (2, Gen.OneOf(SpecialDoubles().Select(ScalarValue.FromDouble).ToArray())));

    private static readonly Gen<ScalarValue> s_string = Gen.Frequency(
        (3, Gen.Char["ab"].Array[0, 3].Select(chars => ScalarValue.FromString(new string(chars)))),
        (3, Gen.String[0, 24].Select(ScalarValue.FromString)),
        (1, Gen.String.Select(ScalarValue.FromString)),
        (1, Gen.Byte.Array[0, 6].Select(bytes => ScalarValue.FromUtf8(bytes))),
        (2, Gen.OneOf(SpecialStrings().Select(ScalarValue.FromString).ToArray())));

    /// <summary>Seeds for <see cref="Windows"/>, drawn with the chunk so a failure reprints them.</summary>
    public static Gen<int[]> WindowSeeds { get; } = Gen.Int[0, int.MaxValue].Array[8];

    public static IReadOnlyList<double> SpecialDoubles() =>
    [
        double.NaN,
        BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_0000_0000)),
        BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001),
        BitConverter.Int64BitsToDouble(0x7FF8_0000_DEAD_BEEF),
        double.PositiveInfinity,
        double.NegativeInfinity,
        -0.0,
        0.0,
        double.Epsilon,
        -double.Epsilon,
        double.MaxValue,
        double.MinValue,
        1.0,
        -1.0,
    ];

    public static IReadOnlyList<string> SpecialStrings() =>
        ["", "é", "e\u0301", "日本", "🚀", "a🚀é日本", "\0", "a\0b", "\uFFFF", "\U0010FFFF", "Z", "zz", "abc"];

    /// <summary>The extreme values of a type: its integer bounds, IEEE specials, or empty and non-ASCII strings.</summary>
    public static ScalarValue[] Extremes(ColumnType type)
    {
        switch (type.Physical)
        {
            case PhysicalKind.Double:
                return [.. SpecialDoubles().Select(ScalarValue.FromDouble)];
            case PhysicalKind.String:
                return [.. SpecialStrings().Select(ScalarValue.FromString)];
            default:
            {
                var (min, max) = ColumnTypes.IntegralDomain(type);
                long[] candidates = [min, max, min + 1, max - 1, 0, 1, -1];
                return [.. candidates.Where(v => v >= min && v <= max).Distinct().Select(ScalarValue.FromInt64)];
            }
        }
    }

    /// <summary>One value of the type: small (so values repeat), anywhere in the domain, or extreme.</summary>
    public static Gen<ScalarValue> Value(ColumnType type)
    {
        if (type.Physical == PhysicalKind.Double)
        {
            return s_double;
        }

        if (type.Physical == PhysicalKind.String)
        {
            return s_string;
        }

        var (min, max) = ColumnTypes.IntegralDomain(type);
        var anywhere = min == long.MinValue && max == long.MaxValue ? Gen.Long : Gen.Long[min, max];
        return Gen.Frequency(
            (4, Gen.Long[Math.Max(min, -20), Math.Min(max, 20)].Select(ScalarValue.FromInt64)),
            (4, anywhere.Select(ScalarValue.FromInt64)),
            (1, Gen.OneOf(Extremes(type))));
    }

    public static Gen<int> RowCount(int maxRows) => Gen.Frequency(
        (4, Gen.Int[0, Math.Min(100, maxRows)]),
        (3, Gen.Int[0, Math.Min(2_500, maxRows)]),
        (1, Gen.Int[0, maxRows]));

    /// <summary>Every shape, weighted towards the ones with structure.</summary>
    public static Gen<ColumnSample> Any(ColumnType type, int maxRows = MaxRows)
    {
        var shapes = new List<(int, IGen<ColumnSample>)>
        {
            (1, Empty(type)),
            (2, Single(type)),
            (2, Constant(type, maxRows)),
            (3, Distinct(type, maxRows)),
            (1, AllNull(type, maxRows)),
            (5, Random(type, maxRows)),
            (2, Extreme(type, maxRows)),
            (3, Sorted(type, maxRows)),
            (3, LowCardinality(type, maxRows)),
            (3, Runs(type, maxRows, withNulls: true)),
        };
        if (type.Physical == PhysicalKind.String)
        {
            shapes.Add((2, LongStrings()));
        }

        return Gen.Frequency([.. shapes]);
    }

    public static Gen<ColumnSample> Empty(ColumnType type) => Gen.Const(() => new ColumnSample(type, "Empty", []));

    public static Gen<ColumnSample> Single(ColumnType type) =>
        Gen.Select(Value(type), Gen.Int[0, 3]).Select((value, nullChance) =>
            new ColumnSample(type, "Single", [nullChance == 0 ? ScalarValue.Null : value]));

    public static Gen<ColumnSample> Constant(ColumnType type, int maxRows) =>
        Gen.Int[1, maxRows].SelectMany(n => Gen.Select(Value(type), NullMask(n)).Select((value, nulls) =>
            Build(type, "Constant", Enumerable.Repeat(value, n).ToArray(), nulls)));

    /// <summary>Random values with repeats removed (BOOLEAN has at most two).</summary>
    public static Gen<ColumnSample> Distinct(ColumnType type, int maxRows) =>
        RowCount(maxRows).SelectMany(n => Value(type).Array[n]).Select(values =>
            new ColumnSample(type, "Distinct", [.. values.DistinctBy(Scalars.DistinctKey)]));

    public static Gen<ColumnSample> AllNull(ColumnType type, int maxRows) =>
        Gen.Int[1, Math.Min(3_000, maxRows)].Select(n => new ColumnSample(type, "AllNull", Enumerable.Repeat(ScalarValue.Null, n).ToArray()));

    public static Gen<ColumnSample> Random(ColumnType type, int maxRows) =>
        RowCount(maxRows).SelectMany(n => Gen.Select(Value(type).Array[n], NullMask(n)).Select((values, nulls) =>
            Build(type, "Random", values, nulls)));

    /// <summary>Only extreme values, in random order or sorted (so delta meets differences past long.MaxValue).</summary>
    public static Gen<ColumnSample> Extreme(ColumnType type, int maxRows) =>
        Gen.Select(Gen.OneOf(Extremes(type)).Array[1, Math.Min(300, maxRows)], Gen.Bool).Select((values, sorted) =>
        {
            if (sorted)
            {
                Array.Sort(values, Scalars.TotalCompare);
            }

            return new ColumnSample(type, sorted ? "SortedExtremes" : "Extremes", values);
        });

    /// <summary>Non-decreasing non-NULL values, with or without NULLs between them; delta applies to integral ones.</summary>
    public static Gen<ColumnSample> Sorted(ColumnType type, int maxRows) =>
        RowCount(maxRows).SelectMany(n => Gen.Select(Value(type).Array[n], NullMask(n)).Select((values, nulls) =>
        {
            Array.Sort(values, Scalars.TotalCompare);
            return Build(type, "Sorted", values, nulls);
        }));

    /// <summary>Rows drawn from at most 32 distinct values, so the bitmap codec applies.</summary>
    public static Gen<ColumnSample> LowCardinality(ColumnType type, int maxRows, bool withNulls = true) =>
        Gen.Select(Value(type).Array[1, 32], RowCount(maxRows)).SelectMany((pool, n) =>
        {
            var distinct = pool.DistinctBy(Scalars.DistinctKey).ToArray();
            return Gen.Select(Gen.Int[0, distinct.Length - 1].Array[n], withNulls ? NullMask(n) : Gen.Const(() => new bool[n]))
                .Select((picks, nulls) => Build(type, "LowCardinality", Array.ConvertAll(picks, i => distinct[i]), nulls));
        });

    /// <summary>Runs of 1 to 400 equal values (neighbouring runs may happen to be equal), optionally with runs of NULLs.</summary>
    public static Gen<ColumnSample> Runs(ColumnType type, int maxRows, bool withNulls) =>
        Gen.Select(Value(type), Gen.Int[1, 400], Gen.Int[0, withNulls ? 5 : 0]).Array[1, 60].Select(runs =>
        {
            var values = new List<ScalarValue>();
            foreach (var (value, length, nullChance) in runs)
            {
                for (var i = 0; i < length && values.Count < maxRows; i++)
                {
                    values.Add(nullChance == 5 ? ScalarValue.Null : value);
                }
            }

            return new ColumnSample(type, "Runs", [.. values]);
        });

    /// <summary>A few strings of about 10 KB (ASCII or multi-byte) among short and empty ones.</summary>
    public static Gen<ColumnSample> LongStrings() =>
        Gen.Select(Gen.OneOf("x", "abc", "é", "日本", "🚀", "a🚀é"), Gen.Int[0, 3]).Array[1, 12].Select(items =>
            new ColumnSample(ColumnType.Varchar, "LongStrings", Array.ConvertAll(items, item => item.Item2 switch
            {
                0 => ScalarValue.FromString(""),
                1 => ScalarValue.FromString(item.Item1),
                _ => ScalarValue.FromString(Repeat(item.Item1, LongStringChars + item.Item2)),
            })));

    /// <summary>Which rows are NULL: none, scattered at some rate, or leading, trailing and interior runs.</summary>
    public static Gen<bool[]> NullMask(int n) => Gen.Frequency(
        (3, Gen.Const(() => new bool[n])),
        (2, Gen.Int[1, 99].SelectMany(percent => Gen.Int[0, 99].Array[n].Select(draws => Array.ConvertAll(draws, d => d < percent)))),
        (2, Gen.Select(Gen.Int[0, n], Gen.Int[0, n], Gen.Select(Gen.Int[0, n], Gen.Int[1, 300]).Array[0, 6])
            .Select((leading, trailing, runs) => RunMask(n, leading, trailing, runs))));

    /// <summary>
    /// Windows [start, start + count) of a chunk of <paramref name="rows"/> rows: the whole chunk, empty ones at both ends,
    /// one row, vector-sized ones, and random ones (mostly starting off a multiple of 64).
    /// </summary>
    public static IEnumerable<(int Start, int Count)> Windows(int rows, int[] seeds)
    {
        yield return (0, rows);
        yield return (0, 0);
        yield return (rows, 0);
        if (rows == 0)
        {
            yield break;
        }

        yield return (seeds[0] % rows, 1);
        yield return (rows - 1, 1);
        var vectorStart = seeds[1] % ((rows + 2047) / 2048) * 2048;
        yield return (vectorStart, Math.Min(2048, rows - vectorStart));
        for (var k = 2; k + 1 < seeds.Length; k += 2)
        {
            var start = seeds[k] % (rows + 1);
            yield return (start, seeds[k + 1] % (rows - start + 1));
        }
    }

    private static ColumnSample Build(ColumnType type, string shape, ScalarValue[] values, bool[] nulls)
    {
        var rows = new ScalarValue[values.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = nulls[i] ? ScalarValue.Null : values[i];
        }

        return new ColumnSample(type, shape, rows);
    }

    private static bool[] RunMask(int n, int leading, int trailing, (int Start, int Length)[] runs)
    {
        var mask = new bool[n];
        mask.AsSpan(0, leading).Fill(true);
        mask.AsSpan(n - trailing).Fill(true);
        foreach (var (start, length) in runs)
        {
            mask.AsSpan(start, Math.Min(length, n - start)).Fill(true);
        }

        return mask;
    }

    private static string Repeat(string unit, int chars)
    {
        var builder = new System.Text.StringBuilder(chars + unit.Length);
        while (builder.Length < chars)
        {
            builder.Append(unit);
        }

        return builder.ToString();
    }
}
