using Olap.Columnar.Types;

namespace Olap.Query.Binding;

/// <summary>A constant with its type; <see cref="Type"/> is null for an untyped NULL, which takes the type its context needs.</summary>
public sealed record BoundLiteral(ColumnType? Type, ScalarValue Value);
