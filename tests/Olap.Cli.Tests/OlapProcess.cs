using System.Diagnostics;

namespace Olap.Cli.Tests;

/// <summary>Runs the built <c>olap</c> command as a separate process, the way a user or a script does.</summary>
internal static class OlapProcess
{
    public static string Assembly => Path.Combine(AppContext.BaseDirectory, "olap.dll");

    public static (int ExitCode, string Out, string Error) Run(IEnumerable<string> arguments, string? input = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"olap {string.Join(' ', arguments)} did not finish in 60 s");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
