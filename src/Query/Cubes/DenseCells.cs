namespace Olap.Query.Cubes;

/// <summary>What one stored measure of a dense cube keeps: its role, the fact chunk column it reads, and how.</summary>
internal sealed record DenseMeasure(CubeColumnRole Role, int Input, bool IsDouble);

/// <summary>
/// The cells of a dense cube (or of one of its grouping sets). A cell is <see cref="Stride"/> consecutive slots: the
/// rows it holds, then per measure its running value (a double kept as its bits) and its count of NULL inputs. Fact
/// rows land in cells at random, so keeping a cell's numbers together costs one cache miss per row instead of one per
/// array.
/// </summary>
internal sealed class DenseCells
{
    /// <summary>The most slots a cell array may have (eight bytes each, per worker).</summary>
    public const long MaxSlots = 1 << 28;

    public DenseCells(int cells, IReadOnlyList<DenseMeasure> measures)
    {
        Measures = measures;
        Count = cells;
        Stride = 1 + (2 * measures.Count);
        _additive = measures.All(m => m.Role is CubeColumnRole.Count or CubeColumnRole.CountStar || (m.Role is CubeColumnRole.Sum or CubeColumnRole.Average && !m.IsDouble));
        // Zeroed by writing: a fresh array's pages would otherwise first be read as the shared zero page, and every
        // page's first add would then fault again and flush the other cores' TLBs (a third of a large build's time).
        Slots = GC.AllocateUninitializedArray<long>(checked((int)((long)cells * Stride)));
        Slots.AsSpan().Clear();
        for (var m = 0; m < measures.Count; m++)
        {
            var measure = measures[m];
            long? start = measure.Role switch
            {
                CubeColumnRole.Min => measure.IsDouble ? BitConverter.DoubleToInt64Bits(double.NaN) : long.MaxValue,
                CubeColumnRole.Max => measure.IsDouble ? BitConverter.DoubleToInt64Bits(double.NegativeInfinity) : long.MinValue,
                _ => null,
            };
            if (start is { } value)
            {
                for (long slot = ValueSlot(m); slot < Slots.LongLength; slot += Stride)
                {
                    Slots[slot] = value;
                }
            }
        }
    }

    /// <summary>Slots needed for <paramref name="cells"/> cells of <paramref name="measures"/> measures.</summary>
    public static long SlotsFor(long cells, int measures) => cells * (1 + (2 * measures));

    public IReadOnlyList<DenseMeasure> Measures { get; }

    private readonly bool _additive;

    public int Count { get; }

    public int Stride { get; }

    public long[] Slots { get; }

    /// <summary>The slot of measure <paramref name="m"/>'s value, from the start of a cell; its NULL count is the next.</summary>
    public static int ValueSlot(int m) => 1 + (2 * m);

    public long Rows(int cell) => Slots[(long)cell * Stride];

    /// <summary>The non-NULL inputs measure <paramref name="m"/> saw in <paramref name="cell"/>.</summary>
    public long NonNullCount(int m, int cell)
    {
        var start = (long)cell * Stride;
        return Slots[start] - Slots[start + ValueSlot(m) + 1];
    }

    public long Long(int m, int cell) => Slots[((long)cell * Stride) + ValueSlot(m)];

    public double Double(int m, int cell) => BitConverter.Int64BitsToDouble(Long(m, cell));

    /// <summary>Adds cell <paramref name="from"/> of <paramref name="source"/> (same measures) into cell <paramref name="to"/>.</summary>
    public void Fold(int to, DenseCells source, int from)
    {
        var target = (long)to * Stride;
        var origin = (long)from * Stride;
        var slots = Slots;
        var other = source.Slots;
        if (_additive)
        {
            // Integer sums and counts (a count's value slot stays 0): every slot adds, rows and NULL counts alike.
            for (var s = 0; s < Stride; s++)
            {
                slots[target + s] = checked(slots[target + s] + other[origin + s]);
            }

            return;
        }

        for (var m = 0; m < Measures.Count; m++)
        {
            var value = ValueSlot(m);
            slots[target + value + 1] += other[origin + value + 1];
            if (other[origin] == other[origin + value + 1])
            {
                continue; // no non-NULL input to combine
            }

            ref var into = ref slots[target + value];
            var add = other[origin + value];
            var measure = Measures[m];
            if (measure.IsDouble)
            {
                var x = BitConverter.Int64BitsToDouble(into);
                var y = BitConverter.Int64BitsToDouble(add);
                into = BitConverter.DoubleToInt64Bits(measure.Role switch
                {
                    CubeColumnRole.Min => MinOf(x, y),
                    CubeColumnRole.Max => MaxOf(x, y),
                    _ => x + y,
                });
            }
            else
            {
                into = measure.Role switch
                {
                    CubeColumnRole.Min => Math.Min(into, add),
                    CubeColumnRole.Max => Math.Max(into, add),
                    CubeColumnRole.Count or CubeColumnRole.CountStar => 0,
                    _ => checked(into + add),
                };
            }
        }

        slots[target] += other[origin];
    }

    /// <summary>The smaller double, NaN ordered above every number (as MIN orders it); NaN starts a minimum.</summary>
    public static double MinOf(double x, double y) => double.IsNaN(x) || y < x ? y : x;

    /// <summary>The larger double, NaN ordered above every number (as MAX orders it).</summary>
    public static double MaxOf(double x, double y) => double.IsNaN(x) || !(double.IsNaN(y) || y > x) ? x : y;

    /// <summary>The cells holding rows, in cell order.</summary>
    public int[] Occupied()
    {
        var count = 0;
        for (var cell = 0; cell < Count; cell++)
        {
            count += Rows(cell) > 0 ? 1 : 0;
        }

        var cells = new int[count];
        var next = 0;
        for (var cell = 0; cell < Count; cell++)
        {
            if (Rows(cell) > 0)
            {
                cells[next++] = cell;
            }
        }

        return cells;
    }
}
