using CsCheck;
using Olap.Columnar.Bitmaps;

namespace Olap.Columnar.Tests.Bitmaps;

/// <summary>
/// Containers forced into each form, whatever form is smallest, so that every form and every pair of
/// forms meets every operation even where a bitmap would never choose it.
/// </summary>
public sealed class RoaringContainerTests
{
    private static readonly Gen<ushort[]> s_lows =
        Gen.OneOf(
                Gen.Int[0, 65_535].Array[1, 300],
                Gen.Int[0, 65_535].Array[1, 4_000],
                Gen.Select(Gen.Int[0, 65_535], Gen.Int[1, 20_000]).Array[1, 4].Select(ExpandRanges))
            .Select(SortedDistinctLows);

    private static int[] ExpandRanges((int Start, int Length)[] ranges)
    {
        var values = new List<int>();
        foreach (var (start, length) in ranges)
        {
            for (var v = start; v < Math.Min(start + length, 65_536); v++)
            {
                values.Add(v);
            }
        }

        return [.. values];
    }

    private static ushort[] SortedDistinctLows(int[] values)
    {
        var set = new SortedSet<ushort>();
        foreach (var v in values)
        {
            set.Add((ushort)v);
        }

        return [.. set];
    }

    /// <summary>The same values as every form that can hold them: an array only up to 4096 values.</summary>
    private static List<Container> AllForms(ushort[] values)
    {
        var words = new ulong[Container.BitsetWords];
        foreach (var v in values)
        {
            words[v >> 6] |= 1UL << v;
        }

        var forms = new List<Container>
        {
            new BitsetContainer(words, values.Length),
            RunContainer.FromSorted(values, Container.CountRuns(values)),
        };
        if (values.Length <= Container.MaxArrayCardinality)
        {
            forms.Add(new ArrayContainer(values));
        }

        return forms;
    }

    private static bool[] Membership(ushort[] values)
    {
        var member = new bool[65_536];
        foreach (var v in values)
        {
            member[v] = true;
        }

        return member;
    }

    /// <summary>The smallest form of the marked values, or null when none is marked.</summary>
    private static Container? Canonical(bool[] member)
    {
        var values = new List<ushort>();
        for (var v = 0; v < member.Length; v++)
        {
            if (member[v])
            {
                values.Add((ushort)v);
            }
        }

        return values.Count == 0 ? null : Container.FromSorted([.. values]);
    }

    /// <summary>
    /// Same values always; the smallest form only when the inputs were in theirs, since operations may hand
    /// back an input unchanged (bitmaps never hold a container in another form).
    /// </summary>
    private static void AssertSame(Container? expected, Container? actual, bool canonicalInputs)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }

        Assert.NotNull(actual);
        Assert.Equal(expected.ToWords(), actual.ToWords());
        if (canonicalInputs)
        {
            Assert.Equal(expected.Kind, actual.Kind);
            Assert.True(expected.ContentEquals(actual));
        }
    }

    [Fact]
    public void EveryFormAnswersMembershipAndWritesItsBitsIntoWords() =>
        Gen.Select(s_lows, Gen.ULong).Sample((values, noise) =>
        {
            var member = Membership(values);
            foreach (var form in AllForms(values))
            {
                Assert.Equal(values.Length, form.Cardinality);
                for (var v = 0; v < member.Length; v++)
                {
                    if (form.Contains((ushort)v) != member[v])
                    {
                        Assert.Fail($"{form.Kind} disagrees about {v}");
                    }
                }

                var copied = new int[values.Length];
                Assert.Equal(values.Length, form.CopyTo(copied, 3 << 16));
                for (var i = 0; i < values.Length; i++)
                {
                    if (copied[i] != ((3 << 16) | values[i]))
                    {
                        Assert.Fail($"{form.Kind} copies value {i} as {copied[i]}");
                    }
                }

                var background = new ulong[Container.BitsetWords];
                for (var w = 0; w < background.Length; w++)
                {
                    background[w] = noise * (ulong)(w + 1) * 0x9E37_79B9_7F4A_7C15;
                }

                var set = (ulong[])background.Clone();
                var cleared = (ulong[])background.Clone();
                var intersected = (ulong[])background.Clone();
                form.SetIn(set);
                form.ClearIn(cleared);
                form.IntersectIn(intersected);
                for (var v = 0; v < member.Length; v++)
                {
                    var before = (background[v >> 6] & (1UL << v)) != 0;
                    if ((before || member[v]) != ((set[v >> 6] & (1UL << v)) != 0)
                        || (before && !member[v]) != ((cleared[v >> 6] & (1UL << v)) != 0)
                        || (before && member[v]) != ((intersected[v >> 6] & (1UL << v)) != 0))
                    {
                        Assert.Fail($"{form.Kind} sets, clears or intersects bit {v} wrongly");
                    }
                }
            }
        }, iter: 20);

    [Fact]
    public void EveryPairOfFormsCombinesIntoTheRightValuesInTheSmallestForm() =>
        Gen.Select(s_lows, s_lows).Sample((left, right) =>
        {
            var a = Membership(left);
            var b = Membership(right);
            var union = new bool[a.Length];
            var intersection = new bool[a.Length];
            var difference = new bool[a.Length];
            for (var v = 0; v < a.Length; v++)
            {
                union[v] = a[v] || b[v];
                intersection[v] = a[v] && b[v];
                difference[v] = a[v] && !b[v];
            }

            var expectedUnion = Canonical(union);
            var expectedIntersection = Canonical(intersection);
            var expectedDifference = Canonical(difference);
            var leftKind = Container.FromSorted(left).Kind;
            var rightKind = Container.FromSorted(right).Kind;
            foreach (var x in AllForms(left))
            {
                foreach (var y in AllForms(right))
                {
                    var canonicalInputs = x.Kind == leftKind && y.Kind == rightKind;
                    AssertSame(expectedUnion, Container.Or(x, y), canonicalInputs);
                    AssertSame(expectedIntersection, Container.And(x, y), canonicalInputs);
                    AssertSame(expectedDifference, Container.AndNot(x, y), canonicalInputs);
                }
            }
        }, iter: 20);
}
