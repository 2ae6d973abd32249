namespace Olap.Benchmarks.Sql;

/// <summary>One engine under test, holding the <see cref="StarDataset"/> tables in memory.</summary>
internal abstract class SqlEngine : IDisposable
{
    public abstract string Name { get; }

    /// <summary>Creates fact and dim and loads them from the dataset's CSV files.</summary>
    public abstract void Load(StarDataset dataset);

    /// <summary>
    /// Runs the query and reads every value of every row with typed accessors; returns a number folded from all of
    /// them, so nothing can be skipped.
    /// </summary>
    public abstract long Consume(string sql);

    /// <summary>The rows as .NET values, for comparing the engines' answers.</summary>
    public abstract List<object?[]> Rows(string sql);

    /// <summary>Runs a statement whose result does not matter (DDL, COPY, SET).</summary>
    public abstract void Execute(string sql);

    public abstract void Dispose();

    protected static long Fold(long hash, long value) => (hash * 31) + value;
}
