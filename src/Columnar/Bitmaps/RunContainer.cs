using System.Numerics;

namespace Olap.Columnar.Bitmaps;

/// <summary>
/// Sorted (start, lengthMinus1) pairs, interleaved in one array as they are serialized: the form for
/// slices made of long stretches. Runs are disjoint and never adjacent, so each set has one run list.
/// </summary>
internal sealed class RunContainer : Container
{
    private readonly ushort[] _runs;
    private readonly int _cardinality;

    /// <param name="runs">Interleaved (start, lengthMinus1) pairs, canonical, not empty; owned from now on.</param>
    /// <param name="cardinality">The sum of the run lengths, which the caller has counted.</param>
    public RunContainer(ushort[] runs, int cardinality)
    {
        _runs = runs;
        _cardinality = cardinality;
    }

    public int RunCount => _runs.Length >> 1;

    public override ContainerKind Kind => ContainerKind.Run;

    public override int Cardinality => _cardinality;

    public override int PayloadSize => _runs.Length * sizeof(ushort);

    public override int HeaderCount => RunCount;

    public override bool Contains(ushort value)
    {
        var r = FindRun(value);
        return r >= 0 && value - _runs[2 * r] <= _runs[(2 * r) + 1];
    }

    public override int CopyTo(Span<int> destination, int high)
    {
        var runs = _runs;
        destination = destination[.._cardinality];
        var n = 0;
        for (var i = 0; i < runs.Length; i += 2)
        {
            // Counting up to the length, not up to the last value, which may be int.MaxValue.
            var first = high | runs[i];
            for (var k = 0; k <= runs[i + 1]; k++)
            {
                destination[n++] = first + k;
            }
        }

        return n;
    }

    public override void WritePayload(Span<byte> destination) => WriteLittleEndian(_runs, destination);

    public override void SetIn(Span<ulong> words)
    {
        var runs = _runs;
        for (var i = 0; i < runs.Length; i += 2)
        {
            SetRange(words, runs[i], runs[i] + runs[i + 1] + 1);
        }
    }

    public override void ClearIn(Span<ulong> words)
    {
        var runs = _runs;
        for (var i = 0; i < runs.Length; i += 2)
        {
            ClearRange(words, runs[i], runs[i] + runs[i + 1] + 1);
        }
    }

    public override void IntersectIn(Span<ulong> words)
    {
        // Clear the gaps: before the first run, between runs, after the last.
        var runs = _runs;
        var gapStart = 0;
        for (var i = 0; i < runs.Length; i += 2)
        {
            if (runs[i] > gapStart)
            {
                ClearRange(words, gapStart, runs[i]);
            }

            gapStart = runs[i] + runs[i + 1] + 1;
        }

        if (gapStart < MaxCardinality)
        {
            ClearRange(words, gapStart, MaxCardinality);
        }
    }

    public override void OrInto(int lo, int hi, Span<ulong> bits, int shift)
    {
        var runs = _runs;
        var r = Math.Max(FindRun(lo), 0);
        for (var i = 2 * r; i < runs.Length; i += 2)
        {
            int start = runs[i];
            if (start >= hi)
            {
                break;
            }

            var from = Math.Max(start, lo);
            var to = Math.Min(start + runs[i + 1] + 1, hi);
            if (from < to)
            {
                SetRange(bits, from + shift, to + shift);
            }
        }
    }

    public override bool ContentEquals(Container other) =>
        other is RunContainer run && _runs.AsSpan().SequenceEqual(run._runs);

    public static RunContainer FromSorted(ReadOnlySpan<ushort> values, int runCount)
    {
        var runs = new ushort[2 * runCount];
        var n = 0;
        var start = 0;
        for (var i = 1; i <= values.Length; i++)
        {
            if (i == values.Length || values[i] != values[i - 1] + 1)
            {
                runs[n++] = values[start];
                runs[n++] = (ushort)(i - 1 - start);
                start = i;
            }
        }

        return new RunContainer(runs, values.Length);
    }

    public static RunContainer FromWords(ReadOnlySpan<ulong> words, int runCount, int cardinality)
    {
        var runs = new ushort[2 * runCount];
        var n = 0;
        var position = 0;
        while (n < runs.Length)
        {
            var start = NextBit(words, position, ulong.MinValue);
            var end = NextBit(words, start, ulong.MaxValue);
            runs[n++] = (ushort)start;
            runs[n++] = (ushort)(end - start - 1);
            position = end;
        }

        return new RunContainer(runs, cardinality);
    }

    /// <summary>Reads <paramref name="runCount"/> runs from a payload of exactly that size, checking bounds and order.</summary>
    public static RunContainer Read(ReadOnlySpan<byte> payload, int runCount, int index)
    {
        var runs = new ushort[2 * runCount];
        ReadLittleEndian(payload, runs);
        var cardinality = 0;
        var previousEnd = -2;
        for (var i = 0; i < runs.Length; i += 2)
        {
            int start = runs[i];
            var end = start + runs[i + 1];
            if (end >= MaxCardinality)
            {
                throw Malformed($"container {index} has run {i / 2} from {start} of length {runs[i + 1] + 1}, past 65535");
            }

            if (start <= previousEnd + 1)
            {
                throw Malformed(
                    $"container {index} has run {i / 2} starting at {start}, not after a gap following the previous run's end {previousEnd}");
            }

            cardinality += end - start + 1;
            previousEnd = end;
        }

        return new RunContainer(runs, cardinality);
    }

    /// <summary>Index of the last run starting at or before <paramref name="value"/>, or -1.</summary>
    private int FindRun(int value)
    {
        var runs = _runs;
        int lo = 0, hi = (runs.Length >> 1) - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (runs[2 * mid] <= value)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    /// <summary>
    /// The first position at or after <paramref name="from"/> whose bit differs from <paramref name="flip"/>'s:
    /// the next set bit for 0, the next clear bit for all ones; 65536 when there is none.
    /// </summary>
    private static int NextBit(ReadOnlySpan<ulong> words, int from, ulong flip)
    {
        var i = from >> 6;
        if (i >= words.Length)
        {
            return MaxCardinality;
        }

        var w = (words[i] ^ flip) & (ulong.MaxValue << from);
        while (w == 0)
        {
            if (++i == words.Length)
            {
                return MaxCardinality;
            }

            w = words[i] ^ flip;
        }

        return (i << 6) + BitOperations.TrailingZeroCount(w);
    }
}
