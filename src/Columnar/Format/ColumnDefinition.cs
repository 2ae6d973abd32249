using Olap.Columnar.Types;

namespace Olap.Columnar.Format;

/// <summary>A column of a file or table: name and type. Every column is nullable.</summary>
public sealed record ColumnDefinition(string Name, ColumnType Type);
