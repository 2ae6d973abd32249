using Olap.Columnar.Predicates;

namespace Olap.Columnar.Format;

/// <summary>
/// A predicate on one column of a scan; a scan's filters are combined with AND. <see cref="Keys"/>, when set, narrows
/// the predicate further to a set of integer keys (a join's semi-join filter): the predicate is then the keys' range,
/// which zone maps and sources that do not know key sets still use, and is never wider than what the keys allow.
/// </summary>
public readonly record struct ScanFilter(int Column, ColumnPredicate Predicate, KeyBitmap? Keys = null);
