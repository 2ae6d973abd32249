using System.Diagnostics;
using System.Text.RegularExpressions;
using Olap.Columnar.Storage;
using Olap.Query;

namespace Olap.Benchmarks.Ssb;

/// <summary>
/// One cube of <c>benchmarks/ssb/cubes.sql</c> as built: seconds for its CREATE (the first build in the process, JIT
/// compilation of the build path included), seconds for a REFRESH right after (the same build in a warm process, as
/// DuckDB's query times are taken after a warm-up run), rows and bytes on disk.
/// </summary>
internal sealed record SsbCubeBuild(string Name, double Seconds, double WarmSeconds, long Rows, long Bytes);

/// <summary>What <c>--cubes on</c> measured: the cubes, the fact table's storage, and which cube answered each query.</summary>
internal sealed record SsbCubeReport(IReadOnlyList<SsbCubeBuild> Cubes, long FactBytes, IReadOnlyDictionary<string, string> AnsweredBy)
{
    /// <summary>Per query, Olap's <c>SELECT 1</c> right after DuckDB ran it (<see cref="SsbQueryRunner.StatementFloorMs"/>).</summary>
    public IReadOnlyDictionary<string, double> StatementFloorMs { get; init; } = new Dictionary<string, double>();

    /// <summary>Per query, both engines' medians of runs in a row (<see cref="SsbQueryRunner.MeasureConsecutive"/>).</summary>
    public IReadOnlyDictionary<string, (double OlapMs, double DuckDbMs)> Consecutive { get; init; } = new Dictionary<string, (double, double)>();

    public double BuildSeconds => Cubes.Sum(c => c.Seconds);

    public double WarmBuildSeconds => Cubes.Sum(c => c.WarmSeconds);

    public long Bytes => Cubes.Sum(c => c.Bytes);
}

/// <summary>Builds the SSB cubes in an Olap database (dropping any an earlier run left) and reads their sizes.</summary>
internal static partial class SsbCubes
{
    /// <summary>The text of benchmarks/ssb/cubes.sql, carried inside the assembly.</summary>
    public static string Script
    {
        get
        {
            using var stream = typeof(SsbCubes).Assembly.GetManifestResourceStream("Olap.Benchmarks.Ssb.cubes.sql")!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    public static IReadOnlyList<SsbCubeBuild> Build(OlapSession session, string databaseDirectory)
    {
        ArgumentNullException.ThrowIfNull(session);
        var builds = new List<(string Name, double Seconds, long Rows)>();
        foreach (var statement in Statements(Script))
        {
            var name = CreateName().Match(statement).Groups[1].Value;
            session.Execute($"DROP MATERIALIZED VIEW IF EXISTS {name}");
            var started = Stopwatch.StartNew();
            var result = session.Execute(statement);
            builds.Add((name, started.Elapsed.TotalSeconds, result.RowsAffected));
        }

        // Each cube again, every build path now compiled: what a build costs a process that has built one before.
        var warm = new List<double>();
        foreach (var (name, _, _) in builds)
        {
            var started = Stopwatch.StartNew();
            session.Execute($"REFRESH MATERIALIZED VIEW {name}");
            warm.Add(started.Elapsed.TotalSeconds);
        }

        return [.. builds.Select((b, i) => new SsbCubeBuild(b.Name, b.Seconds, warm[i], b.Rows, TableBytes(databaseDirectory, b.Name)))];
    }

    /// <summary>Bytes of a table's segment files, as the database's manifest lists them.</summary>
    public static long TableBytes(string databaseDirectory, string table)
    {
        var manifest = ManifestSerializer.Deserialize(File.ReadAllBytes(Path.Combine(databaseDirectory, DatabaseDirectory.ManifestFileName)));
        var entry = manifest.FindTable(table) ?? throw new InvalidOperationException($"table {table} is not in the database");
        return entry.Segments.Sum(s => new FileInfo(Path.Combine(databaseDirectory, s.FileName)).Length);
    }

    /// <summary>The statements of a script (split at semicolons; the cube script has none inside strings or comments).</summary>
    private static IEnumerable<string> Statements(string script)
    {
        var withoutComments = string.Join('\n', script.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal)));
        return withoutComments.Split(';').Select(s => s.Trim()).Where(s => s.Length > 0);
    }

    [GeneratedRegex(@"CREATE\s+MATERIALIZED\s+VIEW\s+(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreateName();
}
