using System.Diagnostics;
using System.Text.RegularExpressions;
using Olap.Columnar.Storage;
using Olap.Query;

namespace Olap.Benchmarks.Ssb;

/// <summary>One cube of <c>benchmarks/ssb/cubes.sql</c> as built: seconds to build, rows and bytes on disk.</summary>
internal sealed record SsbCubeBuild(string Name, double Seconds, long Rows, long Bytes);

/// <summary>What <c>--cubes on</c> measured: the cubes, the fact table's storage, and which cube answered each query.</summary>
internal sealed record SsbCubeReport(IReadOnlyList<SsbCubeBuild> Cubes, long FactBytes, IReadOnlyDictionary<string, string> AnsweredBy)
{
    public double BuildSeconds => Cubes.Sum(c => c.Seconds);

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

        return [.. builds.Select(b => new SsbCubeBuild(b.Name, b.Seconds, b.Rows, TableBytes(databaseDirectory, b.Name)))];
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
