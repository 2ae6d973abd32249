namespace Olap.Columnar.Predicates;

/// <summary>What a chunk's min/max say about a predicate: no row can match, every row matches, or look at the rows.</summary>
public enum ZoneMapResult : byte
{
    AlwaysFalse,
    AlwaysTrue,
    Maybe,
}
