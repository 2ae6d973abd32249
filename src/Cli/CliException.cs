namespace Olap.Cli;

/// <summary>A problem with what the user asked the command to do (a missing file, a bad option), reported as its message alone.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
