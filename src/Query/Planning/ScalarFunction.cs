namespace Olap.Query.Planning;

/// <summary>
/// A resolved scalar function overload: its name for plans and errors, and an identifier the expression executor
/// dispatches on. Instances are immutable and shared.
/// </summary>
public sealed record ScalarFunction(string Name, ScalarFunctionId Id);

/// <summary>Every scalar function the executor can evaluate.</summary>
public enum ScalarFunctionId
{
    Abs,
    Round,
    Floor,
    Ceil,
    Coalesce,
    NullIf,
    Length,
    Upper,
    Lower,
    Substring,
    Concat,
    Trim,
    ExtractYear,
    ExtractMonth,
    ExtractDay,
    DateTrunc,

    /// <summary><c>a || b</c>: unlike CONCAT, NULL when either operand is NULL.</summary>
    ConcatOperator,
    LeftTrim,
    RightTrim,
    ExtractQuarter,

    /// <summary>Sunday = 0 .. Saturday = 6, as DuckDB's <c>dayofweek</c>/<c>dow</c>.</summary>
    ExtractDayOfWeek,
    ExtractDayOfYear,
}
