namespace Olap.Query;

/// <summary>A statement that was valid SQL but could not be carried out (a bad file, a value out of range).</summary>
public sealed class QueryException : Exception
{
    public QueryException(string message)
        : base(message)
    {
    }

    public QueryException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
