using System.Globalization;
using Olap.Datasets.Ssb;
using Olap.Query;

namespace Olap.Benchmarks.Ssb;

/// <summary>
/// Olap with its database in a folder (<see cref="OlapDatabase.Open"/>), the schema of benchmarks/ssb/schema.sql
/// (lineorder SORTED BY lo_orderdate) and one connection with a fixed worker count.
/// </summary>
internal sealed class OlapSsbEngine : SsbEngine
{
    private readonly string _directory;
    private readonly OlapDatabase _database;
    private readonly OlapSession _connection;

    /// <param name="useCubes">
    /// False: queries run on the tables even when a reused database holds cubes an earlier <c>--cubes on</c> run built.
    /// </param>
    public OlapSsbEngine(string directory, int threads, bool reuse = false, bool useCubes = true)
    {
        _directory = directory;
        Reused = PrepareDirectory(directory, reuse);
        _database = OlapDatabase.Open(directory);
        _connection = _database.Connect();
        _connection.Execute(string.Create(CultureInfo.InvariantCulture, $"SET threads = {threads}"));
        if (!useCubes)
        {
            _connection.Execute("SET use_cubes = false");
        }
    }

    public override string Name => "Olap";

    public override string PhysicalDesign => "lineorder SORTED BY (lo_orderdate) (schema.sql)";

    public override void Load(SsbDataFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (Reused)
        {
            return;
        }

        _connection.ExecuteScript(SsbSchema.Text);
        foreach (var table in SsbGenerator.Tables)
        {
            _connection.Execute($"COPY {SsbGenerator.TableName(table)} FROM {Quote(files.PathOf(table))} (DELIMITER '|')");
        }
    }

    public override long StorageBytes() => DirectoryBytes(_directory);

    /// <summary>Builds benchmarks/ssb/cubes.sql's cubes (queries are answered from them from now on).</summary>
    public IReadOnlyList<SsbCubeBuild> BuildCubes() => SsbCubes.Build(_connection, _directory);

    /// <summary>Bytes of lineorder's segment files.</summary>
    public long FactBytes() => SsbCubes.TableBytes(_directory, "lineorder");

    /// <summary>The cube EXPLAIN says answers the query, or null when it runs on the tables.</summary>
    public string? AnsweringCube(SsbQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var plan = _connection.Execute("EXPLAIN " + query.Sql);
        for (var row = 0; row < plan.RowCount; row++)
        {
            var line = plan.GetText(row, 0);
            var at = line.IndexOf("answers from materialized view ", StringComparison.Ordinal);
            if (at >= 0)
            {
                return line[(at + "answers from materialized view ".Length)..].Trim();
            }
        }

        return null;
    }

    public override List<object?[]> Run(SsbQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return RowValues.Of(_connection.Execute(query.Sql));
    }

    /// <summary>Olap's plan with per-operator rows and times, for finding where a slow query spends its time.</summary>
    public string ExplainAnalyze(SsbQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var result = _connection.Execute("EXPLAIN ANALYZE " + query.Sql);
        var text = new System.Text.StringBuilder();
        for (var row = 0; row < result.RowCount; row++)
        {
            for (var column = 0; column < result.Columns.Count; column++)
            {
                text.Append(result.GetText(row, column)).Append(column + 1 < result.Columns.Count ? " | " : "\n");
            }
        }

        return text.ToString();
    }

    public override void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }
}
