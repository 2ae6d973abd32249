using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Olap.Columnar.Text;
using Olap.Columnar.Types;

namespace Olap.Query.Catalog.Parquet;

/// <summary>One file of a Parquet source and, with hive partitioning, the values of its key=value directories.</summary>
internal sealed record ParquetFile(string Path, IReadOnlyList<string?> PartitionValues);

/// <summary>
/// Expands a path or glob (<c>*</c> and <c>?</c> within a name, <c>**</c> for any depth of directories) into Parquet
/// files in name order, skipping the marker and checksum files writers leave (<c>_SUCCESS</c>, <c>_committed_…</c>,
/// <c>.crc</c> and other names starting with '_' or '.'); and reads hive partitions from <c>key=value</c> directories
/// (<c>__HIVE_DEFAULT_PARTITION__</c> is NULL).
/// </summary>
internal static partial class ParquetFiles
{
    public const string DefaultPartition = "__HIVE_DEFAULT_PARTITION__";

    public static bool IsGlob(string path) => path.AsSpan().IndexOfAny('*', '?', '[') >= 0;

    public static IReadOnlyList<string> Expand(string pattern)
    {
        if (!IsGlob(pattern))
        {
            return File.Exists(pattern) ? [Path.GetFullPath(pattern)] : throw new QueryException($"file '{pattern}' does not exist");
        }

        var full = Path.GetFullPath(pattern).Replace('\\', '/');
        var segments = full.Split('/');
        var fixedCount = 0;
        while (fixedCount < segments.Length && !IsGlob(segments[fixedCount]))
        {
            fixedCount++;
        }

        var root = string.Join('/', segments[..fixedCount]);
        root = root.Length == 0 ? "/" : root;
        if (!Directory.Exists(root))
        {
            throw new QueryException($"no files match '{pattern}': directory '{root}' does not exist");
        }

        var matcher = new Regex("^" + GlobRegex(segments[fixedCount..]) + "$", RegexOptions.CultureInvariant);
        var recursive = segments[fixedCount..].Length > 1 || segments[^1] == "**";
        var files = Directory.EnumerateFiles(root, "*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Select(f => (Full: f, Relative: Path.GetRelativePath(root, f).Replace('\\', '/')))
            .Where(f => !IsHidden(f.Relative) && matcher.IsMatch(f.Relative))
            .Select(f => f.Full)
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Count > 0 ? files : throw new QueryException($"no files match '{pattern}'");
    }

    /// <summary>The key=value directories of <paramref name="file"/> below the glob's fixed root, outermost first.</summary>
    public static IReadOnlyList<(string Key, string? Value)> Partitions(string file)
    {
        var parts = new List<(string, string?)>();
        var directory = Path.GetDirectoryName(file);
        while (!string.IsNullOrEmpty(directory))
        {
            var name = Path.GetFileName(directory);
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                break;
            }

            var value = Uri.UnescapeDataString(name[(equals + 1)..]);
            parts.Add((name[..equals], value == DefaultPartition ? null : value));
            directory = Path.GetDirectoryName(directory);
        }

        parts.Reverse();
        return parts;
    }

    /// <summary>A partition column's type from its values: BIGINT when every one is an integer, DATE when a date, else VARCHAR.</summary>
    public static ColumnType InferType(IEnumerable<string?> values)
    {
        var present = values.Where(v => v is not null).Select(v => v!).ToList();
        if (present.Count > 0 && present.All(v => long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
        {
            return ColumnType.BigInt;
        }

        if (present.Count > 0 && present.All(v => FieldParser.TryParseDate(Encoding.UTF8.GetBytes(v), out _)))
        {
            return ColumnType.Date;
        }

        return ColumnType.Varchar;
    }

    public static ScalarValue Value(string? text, ColumnType type)
    {
        if (text is null)
        {
            return ScalarValue.Null;
        }

        if (type == ColumnType.BigInt)
        {
            return ScalarValue.FromInt64(long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        if (type == ColumnType.Date && FieldParser.TryParseDate(Encoding.UTF8.GetBytes(text), out var days))
        {
            return ScalarValue.FromInt64(days);
        }

        return ScalarValue.FromString(text);
    }

    private static bool IsHidden(string relative) =>
        relative.Split('/').Any(part => (part.StartsWith('_') && !part.Contains('=', StringComparison.Ordinal)) || part.StartsWith('.'));

    /// <summary>The segments after the fixed root as one regex over '/'-separated relative paths.</summary>
    private static string GlobRegex(string[] segments)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            if (segments[i] == "**")
            {
                // Any number of directories, none included; as the last segment, any file below.
                regex.Append(last ? ".*" : "(?:[^/]+/)*");
                continue;
            }

            regex.Append(SegmentRegex(segments[i]));
            if (!last)
            {
                regex.Append('/');
            }
        }

        return regex.ToString();
    }

    private static string SegmentRegex(string segment)
    {
        var regex = new StringBuilder();
        foreach (var c in segment)
        {
            regex.Append(c switch
            {
                '*' => "[^/]*",
                '?' => "[^/]",
                _ => Regex.Escape(c.ToString()),
            });
        }

        return regex.ToString();
    }
}
