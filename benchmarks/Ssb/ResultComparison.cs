namespace Olap.Benchmarks.Ssb;

/// <summary>The outcome of <see cref="ResultComparer.Compare"/>: equal, or the first differing row of each side.</summary>
internal sealed record ResultComparison(bool Match, int Row, object?[]? Expected, object?[]? Actual, string Message)
{
    public static ResultComparison Same { get; } = new(true, -1, null, null, "same rows");

    public static ResultComparison Differ(int row, object?[]? expected, object?[]? actual, string message) => new(false, row, expected, actual, message);
}
