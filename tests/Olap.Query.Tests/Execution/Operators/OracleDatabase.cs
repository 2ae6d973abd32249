using Olap.Query.Tests.Database;
using Olap.Query.Tests.Engine;

namespace Olap.Query.Tests.Execution.Operators;

/// <summary>The same tables in an Olap database and in DuckDB, to check that a query gives the same rows in both.</summary>
internal sealed class OracleDatabase : IDisposable
{
    private readonly DuckDbOracle _duck = new();

    public OlapDatabase Olap { get; } = OlapDatabase.OpenInMemory();

    /// <summary>Runs a statement (CREATE TABLE, INSERT) in both engines.</summary>
    public void Execute(string sql)
    {
        Olap.Execute(sql);
        _duck.Execute(sql);
    }

    /// <summary>Inserts <paramref name="rows"/> (SQL literal tuples) in batches.</summary>
    public void Insert(string table, IEnumerable<string> rows)
    {
        foreach (var batch in rows.Chunk(1000))
        {
            Execute($"INSERT INTO {table} VALUES {string.Join(", ", batch)}");
        }
    }

    /// <summary>Asserts both engines give the same rows; in the same order when <paramref name="ordered"/>.</summary>
    public List<string> AssertSameRows(string sql, bool ordered = false)
    {
        var olap = Olap.Execute(sql);
        var expected = _duck.Query(sql).Select(r => string.Join("|", r)).ToList();
        var actual = ResultText.Lines(olap);
        if (!ordered)
        {
            expected.Sort(StringComparer.Ordinal);
            actual.Sort(StringComparer.Ordinal);
        }

        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected, actual);
        return actual;
    }

    public void Dispose()
    {
        Olap.Dispose();
        _duck.Dispose();
    }
}
