using System.Globalization;
using Olap.Datasets.Ssb;

namespace Olap.Benchmarks.Ssb;

/// <summary>
/// The parsed <c>ssb</c> command line. Any mistake is a <see cref="FormatException"/> whose message says what to fix,
/// so the command can print it and exit non-zero.
/// </summary>
internal sealed record SsbOptions(double ScaleFactor, int Threads, int Runs, string Output, long Seed, string Cache, bool Explain = false, bool ReuseDatabases = false, IReadOnlyList<string>? Queries = null, bool Parquet = false, bool Cubes = false)
{
    public const string Usage =
        "usage: ssb --sf <scale factor> [--threads N (2)] [--runs N (5)] [--out DIR (./ssb-results)] [--seed N] [--cache DIR ($TMPDIR/olap-ssb)] [--explain] [--reuse-databases] [--queries Q2.1,Q3.3] [--parquet] [--cubes on|off (off)]";

    public static SsbOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        double? scaleFactor = null;
        var threads = 2;
        var runs = 5;
        var output = "ssb-results";
        var seed = SsbGenerator.DefaultSeed;
        var cache = Path.Combine(Path.GetTempPath(), "olap-ssb");
        var explain = false;
        var reuse = false;
        var parquet = false;
        var cubes = false;
        IReadOnlyList<string>? queries = null;
        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            if (option == "--explain")
            {
                explain = true;
                continue;
            }

            if (option == "--reuse-databases")
            {
                reuse = true;
                continue;
            }

            if (option == "--parquet")
            {
                parquet = true;
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new FormatException(option.StartsWith("--", StringComparison.Ordinal) ? $"option '{option}' needs a value." : $"unexpected argument '{option}'.");
            }

            var value = args[++i];
            switch (option)
            {
                case "--sf":
                    scaleFactor = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var sf) && double.IsFinite(sf) && sf > 0 && sf <= SsbScale.MaxScaleFactor
                        ? sf
                        : throw new FormatException($"--sf must be a number greater than 0 and at most {SsbScale.MaxScaleFactor}, not '{value}'.");
                    break;
                case "--threads":
                    threads = PositiveInteger(option, value);
                    break;
                case "--runs":
                    runs = PositiveInteger(option, value);
                    break;
                case "--out":
                    output = value.Length > 0 ? value : throw new FormatException("--out needs a directory.");
                    break;
                case "--cache":
                    cache = value.Length > 0 ? value : throw new FormatException("--cache needs a directory.");
                    break;
                case "--seed":
                    seed = long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : throw new FormatException($"--seed must be an integer, not '{value}'.");
                    break;
                case "--cubes":
                    cubes = value switch
                    {
                        "on" => true,
                        "off" => false,
                        _ => throw new FormatException($"--cubes is on or off, not '{value}'."),
                    };
                    break;
                case "--queries":
                    queries = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                default:
                    throw new FormatException($"unknown option '{option}'.");
            }
        }

        return scaleFactor is { } scale
            ? new SsbOptions(scale, threads, runs, output, seed, cache, explain, reuse, queries, parquet, cubes)
            : throw new FormatException("--sf is required.");
    }

    /// <summary>The SF as written in file names and JSON: "1", "10", "0.01".</summary>
    public string ScaleText => ScaleFactor.ToString(CultureInfo.InvariantCulture);

    private static int PositiveInteger(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new FormatException($"{option} must be a positive integer, not '{value}'.");
}
