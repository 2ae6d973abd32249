namespace Olap.Query;

/// <summary>
/// A value for one parameter of a statement. <see cref="Name"/> matches <c>@name</c>, <c>:name</c> and <c>$name</c>
/// in the SQL (with or without its own prefix, ignoring case); parameters are also numbered in list order from 1
/// for <c>$1</c>, <c>$2</c>, … and for the <c>?</c>s of the script in the order they are written.
/// </summary>
/// <param name="Name">The name, or null for a parameter used only by position.</param>
/// <param name="Value">
/// A <see cref="bool"/>, integer, <see cref="float"/>, <see cref="double"/>, <see cref="decimal"/>, <see cref="string"/>,
/// <see cref="char"/>, <see cref="Guid"/>, <see cref="DateOnly"/>, <see cref="DateTime"/>, <see cref="DateTimeOffset"/>,
/// an enum (its number), or null / <see cref="DBNull"/> for NULL.
/// </param>
public sealed record QueryParameter(string? Name, object? Value);
