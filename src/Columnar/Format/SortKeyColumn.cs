namespace Olap.Columnar.Format;

/// <summary>One column of a sort key: rows are ordered by it (NULLs first ascending, last descending), then by the next.</summary>
public readonly record struct SortKeyColumn(int Column, bool Descending = false);
