using System.Globalization;
using Olap.Datasets.Ssb;

namespace Olap.Datasets;

/// <summary>The parsed command line; any mistake is a <see cref="FormatException"/> whose message says what to fix.</summary>
internal sealed record SsbCommand(double ScaleFactor, string Output, string Format, long Seed, int Threads, bool ShowHelp)
{
    public static SsbCommand Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 1 && args[0] is "-h" or "--help" or "help")
        {
            return new SsbCommand(1, "", "tbl", SsbGenerator.DefaultSeed, 1, ShowHelp: true);
        }

        if (args.Count == 0 || args[0] != "ssb")
        {
            throw new FormatException(args.Count == 0 ? "missing the dataset name: the only one is 'ssb'." : $"unknown dataset '{args[0]}': the only one is 'ssb'.");
        }

        double? scaleFactor = null;
        string? output = null;
        var format = "tbl";
        var seed = SsbGenerator.DefaultSeed;
        var threads = Environment.ProcessorCount;
        for (var i = 1; i < args.Count; i++)
        {
            var option = args[i];
            if (option is "-h" or "--help")
            {
                return new SsbCommand(1, "", "tbl", seed, 1, ShowHelp: true);
            }

            if (i + 1 >= args.Count)
            {
                throw new FormatException($"option '{option}' needs a value.");
            }

            var value = args[++i];
            switch (option)
            {
                case "--sf":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var sf) || !double.IsFinite(sf) || sf <= 0 || sf > SsbScale.MaxScaleFactor)
                    {
                        throw new FormatException($"--sf must be a number greater than 0 and at most {SsbScale.MaxScaleFactor}, not '{value}'.");
                    }

                    scaleFactor = sf;
                    break;
                case "--out":
                    output = value;
                    break;
                case "--format":
                    format = value is "tbl" or "csv" or "olap" or "parquet" ? value : throw new FormatException($"--format must be tbl, csv, olap or parquet, not '{value}'.");
                    break;
                case "--seed":
                    seed = long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : throw new FormatException($"--seed must be an integer, not '{value}'.");
                    break;
                case "--threads":
                    threads = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) && t > 0 ? t : throw new FormatException($"--threads must be a positive integer, not '{value}'.");
                    break;
                default:
                    throw new FormatException($"unknown option '{option}'.");
            }
        }

        if (scaleFactor is null)
        {
            throw new FormatException("--sf is required.");
        }

        if (string.IsNullOrWhiteSpace(output))
        {
            throw new FormatException("--out is required.");
        }

        if (format == "olap" && Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
        {
            throw new FormatException($"--out '{output}' is not empty; an Olap database needs a new or empty directory.");
        }

        return new SsbCommand(scaleFactor.Value, output, format, seed, threads, ShowHelp: false);
    }
}
