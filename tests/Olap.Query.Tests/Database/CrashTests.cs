using System.Diagnostics;
using System.Globalization;
using Olap.Columnar.Storage;

namespace Olap.Query.Tests.Database;

/// <summary>
/// The crash harness. A writer process (tests/Olap.CrashWriter) runs a script of inserts, copies, deletes and
/// checkpoints, with background merges going on, and is killed with SIGKILL at a random moment: after a random number
/// of acknowledged statements and a random few milliseconds more, so kills land inside statements, commits, log
/// appends and merges. After every kill the database is opened read-only and checked against a model of what was
/// acknowledged: every acknowledged statement is there, the statement in flight is wholly there or wholly absent,
/// every batch of rows is complete, and every segment, deletion vector and log record reads back with valid
/// checksums. A second connection in the writer inserts small batches into another table all the while, so INSERTs
/// share log flushes (group commit) and race the script's commits; its batches are checked too. The next round's
/// writer recovers the same folder. <c>OLAP_CRASH_ROUNDS</c> sets the number of kills
/// (200 by default; docs/RELIABILITY.md reports a longer run).
/// </summary>
public sealed class CrashTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    /// <summary>The batches inserted into <c>cubed</c>: deletes, which pick batches of <c>t</c>, leave them alone.</summary>
    private readonly HashSet<int> _cubedBatches = [];

    public void Dispose() => _temp.Dispose();

    private static int Rounds => int.TryParse(Environment.GetEnvironmentVariable("OLAP_CRASH_ROUNDS"), out var rounds) && rounds > 0 ? rounds : 200;

    [Fact]
    public void Killed_writers_never_lose_an_acknowledged_statement_nor_leave_part_of_one()
    {
        var database = _temp.File("db");
        using (var setup = OlapDatabase.Open(database))
        {
            setup.Execute("CREATE TABLE t (batch INTEGER, i INTEGER, label VARCHAR) SORTED BY (batch, i)");
            setup.Execute("CREATE TABLE side (batch INTEGER, i INTEGER)");

            // Inserts into a table under a cube commit the rows and the cube's new aggregates together (appended
            // segments of partial aggregates, whose groups (batch % 4, i) repeat earlier ones; larger inserts regroup
            // the cube instead): after every kill the cube must still be its table's.
            setup.Execute("CREATE TABLE cubed (batch INTEGER, i INTEGER, label VARCHAR, g INTEGER)");
            setup.Execute("CREATE MATERIALIZED VIEW cubed_counts AS SELECT g, i, count(*) AS n, sum(batch) AS s, min(batch) AS lo, max(batch) AS hi FROM cubed GROUP BY g, i");
        }

        var seed = int.TryParse(Environment.GetEnvironmentVariable("OLAP_CRASH_SEED"), out var s) ? s : 20261126;
        var random = new Random(seed);
        var model = new Dictionary<int, int>();
        var nextBatch = 0;
        var inFlightApplied = 0;
        var inFlightNot = 0;
        var sideBatches = 0;
        var stopwatch = Stopwatch.StartNew();
        for (var round = 0; round < Rounds; round++)
        {
            var operations = Script(random, model, ref nextBatch, round);
            var script = _temp.File($"round-{round}.sql");
            File.WriteAllLines(script, operations.Select(o => o.Sql));
            // Mostly while a statement runs; now and then after the last one, while background merges may be running.
            var waitFor = random.Next(8) == 0 ? operations.Count : random.Next(0, operations.Count);
            var (acknowledged, sideAcknowledged) = RunAndKill(database, script, waitFor, random.Next(0, 150));

            var actual = Batches(database);
            AssertCubeIsItsTable(database, $"round {round} (seed {seed})");

            // The side connection's batches: every acknowledged one, each whole, none lost since the last look, and
            // beyond them at most the one in flight.
            var side = SideBatches(database);
            Assert.True(
                side >= Math.Max(sideAcknowledged, sideBatches) && side <= Math.Max(sideAcknowledged, sideBatches) + 1,
                $"round {round} (seed {seed}): side batches 0..{side - 1} present, {sideAcknowledged} acknowledged, {sideBatches} seen before");
            sideBatches = side;
            for (var i = 0; i < acknowledged; i++)
            {
                operations[i].ApplyTo(model);
            }

            if (acknowledged < operations.Count)
            {
                // The statement in flight when the writer died: all of it or none of it.
                var inFlight = operations[acknowledged];
                if (inFlight.AppliedIn(actual, model))
                {
                    inFlight.ApplyTo(model);
                    inFlightApplied++;
                }
                else
                {
                    inFlightNot++;
                }
            }

            if ((round + 1) % 250 == 0)
            {
                // Long runs report as they go, so an interrupted one still says how far it got.
                Console.WriteLine($"{round + 1} kills in {stopwatch.Elapsed.TotalSeconds:F0} s, seed {seed}: all consistent so far");
            }

            Assert.True(
                model.Count == actual.Count && model.All(b => actual.TryGetValue(b.Key, out var rows) && rows == b.Value),
                $"round {round} (seed {seed}), {acknowledged} of {operations.Count} acknowledged: expected {Describe(model)}, found {Describe(actual)}");
        }

        // Most kills must land inside a statement, or the harness tests little. (One that lands after a statement's
        // commit but before its acknowledgement is printed shows as applied: a window of microseconds, rarely hit.)
        Assert.True(inFlightApplied + inFlightNot >= Rounds / 3, $"only {inFlightApplied + inFlightNot} of {Rounds} kills landed inside a statement");
        Console.WriteLine($"{Rounds} kills in {stopwatch.Elapsed.TotalSeconds:F0} s, seed {seed}: in-flight statements applied {inFlightApplied}, not {inFlightNot}; {sideBatches} side batches");
    }

    /// <summary>
    /// Runs the writer on <paramref name="script"/>, kills it after <paramref name="acks"/> acknowledgements and
    /// <paramref name="delayMs"/> more; returns the script's statements acknowledged, and the side batches
    /// acknowledged (the highest number printed, plus one).
    /// </summary>
    private static (int Script, int Side) RunAndKill(string database, string script, int acks, int delayMs)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Olap.CrashWriter.dll"));
        start.ArgumentList.Add(database);
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var acknowledged = 0;
        var side = 0;
        var deadline = Stopwatch.StartNew();
        while (acknowledged < acks && process.StandardOutput.ReadLine() is { } line)
        {
            Count(line, ref acknowledged, ref side);

            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                break;
            }
        }

        Thread.Sleep(delayMs);
        process.Kill();
        process.WaitForExit();

        // Acknowledgements written before the kill are still in the pipe.
        while (process.StandardOutput.ReadLine() is { } line)
        {
            Count(line, ref acknowledged, ref side);
        }

        var error = errors.Result;
        Assert.True(error.Length == 0, $"the writer failed: {error}");
        return (acknowledged, side);
    }

    private static void Count(string line, ref int acknowledged, ref int side)
    {
        if (line.StartsWith("ack ", StringComparison.Ordinal))
        {
            acknowledged++;
        }
        else if (line.StartsWith("side ", StringComparison.Ordinal))
        {
            side = Math.Max(side, int.Parse(line.AsSpan(5), CultureInfo.InvariantCulture) + 1);
        }
    }

    /// <summary>
    /// How many side batches the database holds, checked to be batches 0 .. n-1 with none torn (batch B is rows
    /// (B, 0) .. (B, B % 3)).
    /// </summary>
    private static int SideBatches(string database)
    {
        using var reader = OlapDatabase.Open(database, DatabaseOpenMode.ReadOnly);
        var result = reader.Execute(
            "SELECT count(*), coalesce(max(batch) + 1, 0), coalesce(min(batch), 0), sum(CASE WHEN n_rows = batch % 3 + 1 AND top_i = batch % 3 THEN 0 ELSE 1 END) " +
            "FROM (SELECT batch, count(DISTINCT i) AS n_rows, max(i) AS top_i FROM side GROUP BY batch) AS b");
        var batches = Convert.ToInt32(result.GetValue(0, 0), CultureInfo.InvariantCulture);
        var end = Convert.ToInt32(result.GetValue(0, 1), CultureInfo.InvariantCulture);
        var first = Convert.ToInt32(result.GetValue(0, 2), CultureInfo.InvariantCulture);
        var torn = result.GetValue(0, 3) is { } sum and not DBNull ? int.Parse(sum.ToString()!, CultureInfo.InvariantCulture) : 0;
        var total = Convert.ToInt64(reader.Execute("SELECT count(*) FROM side").GetValue(0, 0), CultureInfo.InvariantCulture);
        Assert.True(batches == end && first == 0 && torn == 0, $"side batches are not 0..{end - 1} whole: {batches} batches from {first}, {torn} torn");
        long expected = 0;
        for (var b = 0; b < end; b++)
        {
            expected += (b % 3) + 1;
        }

        Assert.True(total == expected, $"side holds {total} rows, batches 0..{end - 1} make {expected}");
        return end;
    }

    /// <summary>The cube over <c>cubed</c>, read as a table, holds what its definition gives over the table now.</summary>
    private static void AssertCubeIsItsTable(string database, string when)
    {
        using var reader = OlapDatabase.Open(database, DatabaseOpenMode.ReadOnly);
        using var session = reader.Connect();
        var stored = ResultText.Lines(session.Execute("SELECT g, i, n, s, lo, hi FROM cubed_counts ORDER BY g, i"));
        var answered = ResultText.Lines(session.Execute("SELECT g, i, count(*), sum(batch), min(batch), max(batch) FROM cubed GROUP BY g, i ORDER BY g, i"));
        session.Execute("SET use_cubes = false");
        var computed = ResultText.Lines(session.Execute("SELECT g, i, count(*), sum(batch), min(batch), max(batch) FROM cubed GROUP BY g, i ORDER BY g, i"));
        Assert.True(stored.SequenceEqual(computed) && answered.SequenceEqual(computed), $"{when}: the cube is not its table's: stored {string.Join("; ", stored)}, answered {string.Join("; ", answered)}, computed {string.Join("; ", computed)}");
    }

    /// <summary>Rows per batch as the database holds them (t and cubed together), read by a read-only open (which changes nothing), every column of every row read.</summary>
    private static Dictionary<int, int> Batches(string database)
    {
        using var reader = OlapDatabase.Open(database, DatabaseOpenMode.ReadOnly);
        var result = reader.Execute("SELECT batch, count(*), count(DISTINCT i), min(i), max(i), CAST(sum(length(label)) AS BIGINT) FROM (SELECT * FROM t UNION ALL SELECT batch, i, label FROM cubed) AS b GROUP BY batch");
        var batches = new Dictionary<int, int>();
        for (var row = 0; row < result.RowCount; row++)
        {
            var batch = Convert.ToInt32(result.GetValue(row, 0), CultureInfo.InvariantCulture);
            var count = Convert.ToInt32(result.GetValue(row, 1), CultureInfo.InvariantCulture);
            var distinct = Convert.ToInt32(result.GetValue(row, 2), CultureInfo.InvariantCulture);
            var low = Convert.ToInt32(result.GetValue(row, 3), CultureInfo.InvariantCulture);
            var high = Convert.ToInt32(result.GetValue(row, 4), CultureInfo.InvariantCulture);
            var labels = Convert.ToInt64(result.GetValue(row, 5), CultureInfo.InvariantCulture);

            // A batch is rows 0 .. n-1, each once, each labelled "b{batch}-{i}": anything else is a torn statement.
            Assert.True(distinct == count && low == 0 && high == count - 1 && labels == LabelLength(batch, count), $"batch {batch} is torn: {count} rows, {distinct} distinct, {low}..{high}");
            batches[batch] = count;
        }

        return batches;
    }

    private static long LabelLength(int batch, int rows)
    {
        long total = 0;
        for (var i = 0; i < rows; i++)
        {
            total += Label(batch, i).Length;
        }

        return total;
    }

    private static string Label(int batch, int i) => $"b{batch}-{i}";

    private static string Describe(Dictionary<int, int> batches) => string.Join(", ", batches.OrderBy(b => b.Key).Select(b => $"{b.Key}:{b.Value}"));

    private List<Operation> Script(Random random, Dictionary<int, int> model, ref int nextBatch, int round)
    {
        var operations = new List<Operation>();
        var present = new HashSet<int>(model.Keys.Where(b => !_cubedBatches.Contains(b)));
        var count = random.Next(3, 9);
        for (var o = 0; o < count; o++)
        {
            // Past a few hundred batches mostly deletes: a long run's table stays small enough to check every round.
            var pick = present.Count > 200 && random.Next(2) == 0 ? 80 : random.Next(100);
            if (pick < 50)
            {
                var batch = nextBatch++;
                var rows = random.Next(1, 300);
                var values = string.Join(", ", Enumerable.Range(0, rows).Select(i => $"({batch}, {i}, '{Label(batch, i)}')"));
                operations.Add(Operation.Insert($"INSERT INTO t VALUES {values}", batch, rows));
                present.Add(batch);
            }
            else if (pick < 65)
            {
                var batch = nextBatch++;
                var rows = random.Next(500, 3000);
                var file = _temp.File($"batch-{batch}.csv");
                File.WriteAllLines(file, Enumerable.Range(0, rows).Select(i => $"{batch},{i},{Label(batch, i)}"));
                operations.Add(Operation.Insert($"COPY t FROM '{file}' (HEADER false)", batch, rows));
                present.Add(batch);
            }
            else if (pick < 75 && present.Count > 0)
            {
                // A transaction: two new batches and a deletion, committed together or not at all.
                var first = nextBatch++;
                var second = nextBatch++;
                var victim = present.OrderBy(_ => random.Next()).First();
                var sizes = new Dictionary<int, int> { [first] = random.Next(1, 200), [second] = random.Next(1, 200) };
                var statements = sizes.Select(b => "INSERT INTO t VALUES " + string.Join(", ", Enumerable.Range(0, b.Value).Select(i => $"({b.Key}, {i}, '{Label(b.Key, i)}')")));
                operations.Add(new Operation($"BEGIN; {string.Join("; ", statements)}; DELETE FROM t WHERE batch = {victim}; COMMIT", sizes, [victim]));
                present.Remove(victim);
                present.UnionWith(sizes.Keys);
            }
            else if (pick < 88 && present.Count > 0)
            {
                var victims = present.OrderBy(_ => random.Next()).Take(random.Next(1, present.Count > 200 ? 20 : 4)).ToList();
                operations.Add(Operation.Delete($"DELETE FROM t WHERE batch IN ({string.Join(", ", victims)})", victims));
                present.ExceptWith(victims);
            }
            else if (pick >= 95)
            {
                // A batch into the table under the cube; never deleted (deletes pick batches of t).
                var batch = nextBatch++;
                var rows = random.Next(2) == 0 ? random.Next(1, 8) : random.Next(1, 100);
                var values = string.Join(", ", Enumerable.Range(0, rows).Select(i => $"({batch}, {i}, '{Label(batch, i)}', {batch % 4})"));
                operations.Add(Operation.Insert($"INSERT INTO cubed VALUES {values}", batch, rows));
                _cubedBatches.Add(batch);
            }
            else
            {
                operations.Add(Operation.Checkpoint());
            }
        }

        return operations;
    }

    private sealed record Operation(string Sql, IReadOnlyDictionary<int, int> Inserts, IReadOnlyList<int> Deletes)
    {
        public static Operation Insert(string sql, int batch, int rows) => new(sql, new Dictionary<int, int> { [batch] = rows }, []);

        public static Operation Delete(string sql, IReadOnlyList<int> batches) => new(sql, new Dictionary<int, int>(), batches);

        public static Operation Checkpoint() => new("CHECKPOINT", new Dictionary<int, int>(), []);

        public void ApplyTo(Dictionary<int, int> model)
        {
            foreach (var batch in Deletes)
            {
                model.Remove(batch);
            }

            foreach (var (batch, rows) in Inserts)
            {
                model[batch] = rows;
            }
        }

        /// <summary>Whether the database shows this statement's effect; it must show all of it or none.</summary>
        public bool AppliedIn(Dictionary<int, int> actual, Dictionary<int, int> model)
        {
            if (Inserts.Count == 0 && Deletes.Count == 0)
            {
                return false;
            }

            var deleted = Deletes.Where(b => model.ContainsKey(b) && !Inserts.ContainsKey(b)).ToList();
            var applied = Inserts.Keys.All(actual.ContainsKey) && deleted.All(b => !actual.ContainsKey(b));
            var untouched = Inserts.Keys.All(b => !actual.ContainsKey(b)) && deleted.All(actual.ContainsKey);
            Assert.True(applied || untouched, $"{Sql[..Math.Min(60, Sql.Length)]}... is partly applied");
            return applied && !untouched;
        }
    }
}
