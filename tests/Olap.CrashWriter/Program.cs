using Olap.Query;

// The writer the crash tests kill (tests/Olap.Query.Tests/Database/CrashTests.cs): it opens the database in args[0]
// (recovering whatever the last kill left), runs the statements of the file args[1] one line at a time, and prints
// "ack N" once statement N has returned, which is when it is acknowledged. Then it waits to be killed.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Olap.CrashWriter DATABASE SCRIPT");
    return 2;
}

using var database = OlapDatabase.Open(args[0]);
using var session = database.Connect();
session.Threads = 2;
Console.Out.WriteLine("open");
var number = 0;
foreach (var line in File.ReadLines(args[1]))
{
    session.Execute(line);
    Console.Out.WriteLine($"ack {number++}");
}

Console.Out.WriteLine("done");
Thread.Sleep(Timeout.Infinite);
return 0;
