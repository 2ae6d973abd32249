using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CsCheck;
using Olap.Columnar.Encoding;
using Olap.Columnar.Tests.TestSupport;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Tests.Encoding;

/// <summary>
/// Decoding keeps the encoding's shape where it can: a run covering the window is a constant vector, dictionary codes
/// stay codes into the sorted entries, and plain values are referenced in the payload without a copy.
/// </summary>
public sealed class DecodedVectorFormTests
{
    public static TheoryData<string> Types => ColumnTypes.Names;

    [Theory]
    [MemberData(nameof(Types))]
    public void A_run_length_window_inside_one_run_decodes_as_a_constant_vector(string typeName)
    {
        var type = ColumnTypes.Parse(typeName);
        Gen.Select(ColumnSampleGen.Runs(type, ColumnSampleGen.MaxRows, withNulls: false), Gen.Int[0, int.MaxValue].Array[3]).Sample((sample, seeds) =>
        {
            var values = sample.ToVector();
            var column = EncodedChunk.TryEncode(RunLengthEncoding.Instance, values, ChunkAnalysis.Analyze(values))!.Column;
            var runs = RunBounds(sample);
            var (runStart, runEnd) = runs[seeds[0] % runs.Count];
            var start = runStart + (seeds[1] % (runEnd - runStart));
            var count = 1 + (seeds[2] % (runEnd - start));
            var target = new ColumnVector(type);
            column.Decode(start, count, target);
            Assert.Equal(VectorForm.Constant, target.Form);
            Assert.Equal(count, target.Count);
            AssertHolds(sample, target, start, count);

            if (runs.Count > 1)
            {
                // Two rows either side of a boundary hold two values: not a constant.
                var boundary = runs[1 + (seeds[0] % (runs.Count - 1))].Start;
                column.Decode(boundary - 1, 2, target);
                Assert.NotEqual(VectorForm.Constant, target.Form);
                AssertHolds(sample, target, boundary - 1, 2);
            }
        }, iter: 20);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Dictionary_decoding_gives_codes_into_the_sorted_distinct_values(string typeName)
    {
        var type = ColumnTypes.Parse(typeName);
        Gen.Select(ColumnSampleGen.Any(type, 4_000), ColumnSampleGen.WindowSeeds).Sample((sample, seeds) =>
        {
            var values = sample.ToVector();
            if (EncodedChunk.TryEncode(DictionaryEncoding.Instance, values, ChunkAnalysis.Analyze(values)) is not { } chunk)
            {
                return;
            }

            var target = new ColumnVector(type);
            foreach (var (start, count) in ColumnSampleGen.Windows(sample.Count, seeds))
            {
                chunk.Column.Decode(start, count, target);
                Assert.Equal(VectorForm.Dictionary, target.Form);
                Assert.Equal(count, target.Count);
                var entries = target.Dictionary;
                Assert.Equal(VectorForm.Flat, entries.Form);
                Assert.InRange(entries.Count, 1, Math.Max(1, sample.DistinctCount + 1));
                for (var k = 1; k < entries.Count; k++)
                {
                    if (Scalars.TotalCompare(Scalars.Raw(entries, k - 1), Scalars.Raw(entries, k)) >= 0)
                    {
                        Assert.Fail($"dictionary entries {k - 1} and {k} are not ascending: {Scalars.Show(Scalars.Raw(entries, k - 1))}, {Scalars.Show(Scalars.Raw(entries, k))}");
                    }
                }

                foreach (var code in target.Codes[..count])
                {
                    Assert.InRange(code, 0, entries.Count - 1);
                }

                AssertHolds(sample, target, start, count);
            }
        }, iter: 20);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Plain_decoding_references_the_payload_in_place(string typeName)
    {
        var type = ColumnTypes.Parse(typeName);
        var width = type.Physical == PhysicalKind.String ? sizeof(int) : type.FixedWidth;
        Gen.Select(ColumnSampleGen.Any(type, 3_000), ColumnSampleGen.WindowSeeds).Sample((sample, seeds) =>
        {
            var values = sample.ToVector();
            var chunk = EncodedChunk.TryEncode(PlainEncoding.Instance, values, ChunkAnalysis.Analyze(values))!;
            var payload = chunk.Payload;
            var target = new ColumnVector(type);
            foreach (var (start, count) in ColumnSampleGen.Windows(sample.Count, seeds))
            {
                chunk.Column.Decode(start, count, target);
                Assert.Equal(VectorForm.Flat, target.Form);
                AssertHolds(sample, target, start, count);
                if (count == 0 && type.Physical != PhysicalKind.String)
                {
                    continue;
                }

                Assert.True(
                    Unsafe.AreSame(ref MemoryMarshal.GetReference(target.RawData), ref payload[start * width]),
                    $"rows [{start}, {start + count}) were copied out of the payload");
                if (type.Physical == PhysicalKind.String && !target.Heap.IsEmpty)
                {
                    var heapStart = (sample.Count + 1) * sizeof(int);
                    Assert.True(Unsafe.AreSame(ref MemoryMarshal.GetReference(target.Heap), ref payload[heapStart]), "the string bytes were copied out of the payload");
                }
            }
        }, iter: 20);
    }

    /// <summary>Maximal runs of bitwise-equal values, as [Start, End).</summary>
    private static List<(int Start, int End)> RunBounds(ColumnSample sample)
    {
        var runs = new List<(int Start, int End)>();
        var start = 0;
        for (var i = 1; i <= sample.Count; i++)
        {
            if (i == sample.Count || !Scalars.BitwiseEqual(sample.Values[i], sample.Values[i - 1]))
            {
                runs.Add((start, i));
                start = i;
            }
        }

        return runs;
    }

    private static void AssertHolds(ColumnSample sample, ColumnVector target, int start, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var expected = sample.Values[start + i];
            if (!expected.IsNull && !Scalars.Holds(target, i, expected))
            {
                Assert.Fail($"row {start + i} decoded ({target.Form}) as {Scalars.Show(Scalars.Raw(target, i))}, not {Scalars.Show(expected)}; chunk {sample}");
            }
        }
    }
}
