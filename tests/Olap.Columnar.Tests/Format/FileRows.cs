using System.Globalization;
using System.Text;
using Olap.Columnar.Format;
using Olap.Columnar.Types;

namespace Olap.Columnar.Tests.Format;

/// <summary>Rows as arrays of <see cref="ScalarValue"/>: written to native files, read back through scans, and compared exactly.</summary>
internal static class FileRows
{
    public static void Write(string path, IReadOnlyList<ColumnDefinition> columns, IReadOnlyList<ScalarValue[]> rows, OlapWriterOptions? options = null)
    {
        using var writer = new OlapFileWriter(path, columns, options);
        foreach (var row in rows)
        {
            writer.AppendRow(row);
        }

        writer.Finish();
    }

    public static int[] AllColumns(int count)
    {
        var columns = new int[count];
        for (var c = 0; c < count; c++)
        {
            columns[c] = c;
        }

        return columns;
    }

    /// <summary>Every row of the file, every column, no filter.</summary>
    public static List<ScalarValue[]> ReadAll(string path)
    {
        using var reader = OlapFileReader.Open(path);
        return Scan(reader, AllColumns(reader.Columns.Count), null, out _);
    }

    /// <summary>
    /// The live rows of a scan, projected to <paramref name="columns"/>, checking on the way what every chunk must satisfy:
    /// 1..2048 rows, at least one live row, and a selection of ascending indices below the row count.
    /// </summary>
    public static List<ScalarValue[]> Scan(OlapFileReader reader, IReadOnlyList<int> columns, IReadOnlyList<ScanFilter>? filters, out FileScan scan)
    {
        scan = reader.Scan(columns, filters);
        var chunk = scan.CreateChunk();
        Assert.Equal(columns.Count, chunk.Columns.Length);
        var rows = new List<ScalarValue[]>();
        while (scan.Next(chunk))
        {
            Assert.InRange(chunk.Count, 1, Olap.Columnar.Vectors.VectorSize.Standard);
            Assert.InRange(chunk.LiveCount, 1, chunk.Count);
            var previous = -1;
            for (var i = 0; i < chunk.LiveCount; i++)
            {
                var row = chunk.Selection is { } selection ? selection[i] : i;
                if (row <= previous || row >= chunk.Count)
                {
                    Assert.Fail($"selection index {row} follows {previous} in a chunk of {chunk.Count} rows");
                }

                previous = row;
                var values = new ScalarValue[columns.Count];
                for (var c = 0; c < values.Length; c++)
                {
                    values[c] = chunk.Columns[c].GetScalar(row);
                }

                rows.Add(values);
            }
        }

        return rows;
    }

    /// <summary>Projects rows to the given columns, in that order.</summary>
    public static List<ScalarValue[]> Project(IEnumerable<ScalarValue[]> rows, IReadOnlyList<int> columns)
    {
        var projected = new List<ScalarValue[]>();
        foreach (var row in rows)
        {
            var values = new ScalarValue[columns.Count];
            for (var c = 0; c < values.Length; c++)
            {
                values[c] = row[columns[c]];
            }

            projected.Add(values);
        }

        return projected;
    }

    /// <summary>Same kind and same value; doubles bit for bit, so -0.0 differs from 0.0 and NaN equals NaN.</summary>
    public static bool Same(ScalarValue expected, ScalarValue actual) => expected.Kind == actual.Kind && expected.Kind switch
    {
        ScalarKind.Integer => expected.Int64 == actual.Int64,
        ScalarKind.Double => BitConverter.DoubleToInt64Bits(expected.Double) == BitConverter.DoubleToInt64Bits(actual.Double),
        ScalarKind.String => expected.Utf8.SequenceEqual(actual.Utf8),
        _ => true,
    };

    public static string Describe(ScalarValue value) => value.Kind switch
    {
        ScalarKind.Double => value.Double.ToString("R", CultureInfo.InvariantCulture) + (value.Double == 0 && double.IsNegative(value.Double) ? " (negative zero)" : string.Empty),
        ScalarKind.String => "'" + value + "'",
        _ => value.ToString(),
    };

    public static string Describe(ScalarValue[] row)
    {
        var text = new StringBuilder("(");
        for (var c = 0; c < row.Length; c++)
        {
            text.Append(c == 0 ? string.Empty : ", ").Append(Describe(row[c]));
        }

        return text.Append(')').ToString();
    }

    /// <summary>Asserts both lists hold the same rows in the same order, naming the first difference.</summary>
    public static void AssertSameRows(IReadOnlyList<ScalarValue[]> expected, IReadOnlyList<ScalarValue[]> actual, string context = "")
    {
        var common = Math.Min(expected.Count, actual.Count);
        for (var r = 0; r < common; r++)
        {
            Assert.True(expected[r].Length == actual[r].Length, $"{context} row {r}: {actual[r].Length} values, expected {expected[r].Length}");
            for (var c = 0; c < expected[r].Length; c++)
            {
                if (!Same(expected[r][c], actual[r][c]))
                {
                    Assert.Fail($"{context} row {r}, column {c}: got {Describe(actual[r][c])}, expected {Describe(expected[r][c])}.\n  expected row {Describe(expected[r])}\n  actual row   {Describe(actual[r])}");
                }
            }
        }

        if (expected.Count != actual.Count)
        {
            var extra = expected.Count > actual.Count ? "missing, first " + Describe(expected[common]) : "extra, first " + Describe(actual[common]);
            Assert.Fail($"{context} {actual.Count} rows, expected {expected.Count} ({extra}).");
        }
    }
}
