namespace Olap.Columnar.Predicates;

/// <summary>
/// A closed range [Low, High] of a numeric element type, possibly negated: the normal form of every comparison but IN.
/// An empty range has Low &gt; High.
/// </summary>
public readonly record struct ValueRange<T>(T Low, T High, bool Negated)
    where T : unmanaged, System.Numerics.INumber<T>
{
    public bool IsEmpty => Low > High;
}
