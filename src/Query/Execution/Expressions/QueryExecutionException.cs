namespace Olap.Query.Execution.Expressions;

/// <summary>
/// An error found while evaluating a query over data (integer overflow, a string that is not a number): the SQL was
/// valid, the values were not. Messages follow DuckDB's wording so the two engines can be compared.
/// </summary>
public sealed class QueryExecutionException : Exception
{
    public QueryExecutionException()
    {
    }

    public QueryExecutionException(string message)
        : base(message)
    {
    }

    public QueryExecutionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
