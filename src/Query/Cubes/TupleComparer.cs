using Olap.Columnar.Types;

namespace Olap.Query.Cubes;

/// <summary>Tuples of values compared element by element.</summary>
internal sealed class TupleComparer : IEqualityComparer<ScalarValue[]>
{
    public static readonly TupleComparer Instance = new();

    public bool Equals(ScalarValue[]? x, ScalarValue[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(ScalarValue[] tuple)
    {
        var hash = new HashCode();
        foreach (var value in tuple)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }
}
