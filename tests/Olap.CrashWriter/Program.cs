using System.Globalization;
using Olap.Query;

// The writer the crash tests kill (tests/Olap.Query.Tests/Database/CrashTests.cs): it opens the database in args[0]
// (recovering whatever the last kill left), runs the statements of the file args[1] one line at a time, and prints
// "ack N" once statement N has returned, which is when it is acknowledged. Then it waits to be killed.
// Meanwhile a second connection inserts small batches into table "side" without pause, printing "side B" once batch
// B is acknowledged: the two connections' INSERTs share log flushes (group commit) and race the script's commits.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Olap.CrashWriter DATABASE SCRIPT");
    return 2;
}

using var database = OlapDatabase.Open(args[0]);
using var session = database.Connect();
session.Threads = 2;
Console.Out.WriteLine("open");

var sideWriter = new Thread(() =>
{
    using var side = database.Connect();
    var next = Convert.ToInt32(side.Execute("SELECT coalesce(max(batch) + 1, 0) FROM side").GetValue(0, 0), CultureInfo.InvariantCulture);
    while (true)
    {
        // Batch B is rows (B, 0) .. (B, B % 3): the checker knows every batch's size.
        var rows = string.Join(", ", Enumerable.Range(0, (next % 3) + 1).Select(i => $"({next}, {i})"));
        side.Execute($"INSERT INTO side VALUES {rows}");
        Console.Out.WriteLine($"side {next++}");
    }
})
{ IsBackground = true };
sideWriter.Start();

var number = 0;
foreach (var line in File.ReadLines(args[1]))
{
    session.Execute(line);
    Console.Out.WriteLine($"ack {number++}");
}

Console.Out.WriteLine("done");
Thread.Sleep(Timeout.Infinite);
return 0;
