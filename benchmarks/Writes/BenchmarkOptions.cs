using System.Globalization;

namespace Olap.Benchmarks.Writes;

/// <summary>The write benchmarks' command-line options: <c>--name value</c> pairs after the command.</summary>
internal static class BenchmarkOptions
{
    /// <summary>The integer after <paramref name="name"/>, or <paramref name="fallback"/> when it is not given.</summary>
    public static int Int(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
