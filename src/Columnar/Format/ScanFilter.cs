using Olap.Columnar.Predicates;

namespace Olap.Columnar.Format;

/// <summary>A predicate on one column of a scan; a scan's filters are combined with AND.</summary>
public readonly record struct ScanFilter(int Column, ColumnPredicate Predicate);
