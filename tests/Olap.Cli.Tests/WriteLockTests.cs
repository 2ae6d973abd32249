using System.Diagnostics;

namespace Olap.Cli.Tests;

/// <summary>Two olap processes on one database: the second writer is turned away by name, a --readonly one reads along.</summary>
public sealed class WriteLockTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"olap-lock-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void A_second_writing_process_gets_the_holders_process_id_and_a_read_only_one_sees_its_commits()
    {
        var database = Path.Combine(_directory, "db");
        using var holder = StartHolder(database);
        holder.Say("CREATE TABLE t (x INTEGER);");
        holder.Say("INSERT INTO t VALUES (1), (2), (3);");
        holder.Say("SELECT 'ready';");
        holder.WaitFor("ready");

        var writer = OlapProcess.Run([database, "-c", "INSERT INTO t VALUES (4)"]);
        Assert.Equal(1, writer.ExitCode);
        Assert.Contains($"database is locked by process {holder.ProcessId}", writer.Error, StringComparison.Ordinal);
        Assert.Contains("--readonly", writer.Error, StringComparison.Ordinal);

        var reader = OlapProcess.Run(["--readonly", database, "--format", "csv", "-c", "SELECT sum(x) FROM t"]);
        Assert.Equal(0, reader.ExitCode);
        Assert.Contains("6", reader.Out, StringComparison.Ordinal);

        var refused = OlapProcess.Run(["--readonly", database, "-c", "INSERT INTO t VALUES (4)"]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("read-only", refused.Error, StringComparison.Ordinal);

        // When the holder ends (here: standard input closes), the next writer gets in.
        holder.Close();
        var after = OlapProcess.Run([database, "--format", "csv", "-c", "INSERT INTO t VALUES (4); SELECT sum(x) FROM t"]);
        Assert.Equal(0, after.ExitCode);
        Assert.Contains("10", after.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_killed_writer_leaves_the_database_unlocked()
    {
        var database = Path.Combine(_directory, "db");
        using (var holder = StartHolder(database))
        {
            holder.Say("CREATE TABLE t (x INTEGER);");
            holder.Say("SELECT 'ready';");
            holder.WaitFor("ready");
            holder.Kill();
        }

        var after = OlapProcess.Run([database, "--format", "csv", "-c", "INSERT INTO t VALUES (7); SELECT x FROM t"]);
        Assert.Equal(0, after.ExitCode);
        Assert.Contains("7", after.Out, StringComparison.Ordinal);
    }

    private static Holder StartHolder(string database)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(OlapProcess.Assembly);
        start.ArgumentList.Add(database);
        start.ArgumentList.Add("--format");
        start.ArgumentList.Add("csv");
        return new Holder(Process.Start(start)!);
    }

    /// <summary>An olap process reading statements from standard input, one line at a time, so it keeps the database open.</summary>
    private sealed class Holder : IDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _output = new();

        public Holder(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) =>
            {
                lock (_output)
                {
                    _output.AppendLine(e.Data);
                }
            };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public int ProcessId => _process.Id;

        public void Say(string line)
        {
            _process.StandardInput.WriteLine(line);
            _process.StandardInput.Flush();
        }

        public void WaitFor(string text)
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                lock (_output)
                {
                    if (_output.ToString().Contains(text, StringComparison.Ordinal))
                    {
                        return;
                    }
                }

                Thread.Sleep(20);
            }

            throw new TimeoutException($"the holding olap process never printed '{text}'");
        }

        public void Close()
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                throw new TimeoutException("the holding olap process did not exit after its input closed");
            }
        }

        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }
    }
}
