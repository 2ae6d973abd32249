using Olap.Query.Binding;
using Olap.Query.Execution.Expressions;

namespace Olap.Query.Tests.Database;

/// <summary>A statement that fails changes nothing: the manifest stays byte for byte the same and no segment file is left behind.</summary>
public sealed class FailedStatementTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();
    private readonly OlapDatabase _db;

    public FailedStatementTests()
    {
        _db = OlapDatabase.Open(_temp.File("db"));
        _db.Execute("CREATE TABLE t (id INTEGER, name VARCHAR) SORTED BY (id)");
        _db.Execute("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
        _db.Execute("CREATE TABLE words (w VARCHAR)");
        _db.Execute("INSERT INTO words VALUES ('10'), ('20'), ('thirty'), ('40')");
    }

    public void Dispose()
    {
        _db.Dispose();
        _temp.Dispose();
    }

    private List<string> Contents() => ResultText.Lines(_db.Execute("SELECT id, name FROM t ORDER BY id"));

    /// <summary>Runs <paramref name="sql"/>, which must fail with <typeparamref name="TException"/>, and checks that the database did not change.</summary>
    private TException FailsAndChangesNothing<TException>(string sql)
        where TException : Exception
    {
        var contents = Contents();
        var before = DirectoryState.Of(_db.Path);

        var error = Assert.Throws<TException>(() => _db.Execute(sql));

        before.AssertUnchanged(DirectoryState.Of(_db.Path));
        Assert.Equal(contents, Contents());
        return error;
    }

    [Fact]
    public void Copy_from_a_file_with_a_bad_value_names_the_file_and_line_and_changes_nothing()
    {
        var csv = _temp.File("bad-rows.csv");
        File.WriteAllLines(csv, ["id,name", "3,three", "4,four", "five,5", "6,six"]);

        var error = FailsAndChangesNothing<QueryException>($"COPY t FROM '{csv}' (HEADER)");

        Assert.Contains("bad-rows.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Copy_from_a_file_whose_bad_value_is_in_a_later_chunk_leaves_no_segment_file()
    {
        var csv = _temp.File("late-bad-row.csv");
        File.WriteAllLines(csv, ["id,name", .. Enumerable.Range(10, 10_000).Select(i => $"{i},n{i}"), "oops,bad"]);

        var error = FailsAndChangesNothing<QueryException>($"COPY t FROM '{csv}' (HEADER)");

        Assert.Contains("late-bad-row.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 10002", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Insert_values_with_an_uncastable_value_changes_nothing()
    {
        var error = FailsAndChangesNothing<BindException>("INSERT INTO t VALUES (3, 'three'), ('four', 'four')");

        Assert.Contains("four", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Insert_select_that_fails_on_one_row_at_run_time_changes_nothing()
    {
        var error = FailsAndChangesNothing<QueryExecutionException>("INSERT INTO t SELECT CAST(w AS INTEGER), w FROM words");

        Assert.Contains("thirty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_table_as_select_whose_query_overflows_at_run_time_changes_nothing()
    {
        FailsAndChangesNothing<QueryExecutionException>("CREATE TABLE doubled AS SELECT CAST(w AS INTEGER) * 1000000000 AS big FROM words WHERE w <> 'thirty'");

        Assert.Throws<BindException>(() => _db.Execute("SELECT * FROM doubled"));
    }

    [Fact]
    public void Create_table_as_select_whose_cast_fails_on_one_row_changes_nothing()
    {
        FailsAndChangesNothing<QueryExecutionException>("CREATE TABLE numbers SORTED BY (n) AS SELECT CAST(w AS INTEGER) AS n FROM words");

        Assert.Throws<BindException>(() => _db.Execute("SELECT * FROM numbers"));
    }

    [Fact]
    public void Create_table_with_an_existing_name_changes_nothing()
    {
        var error = FailsAndChangesNothing<BindException>("CREATE TABLE t (other INTEGER)");

        Assert.Contains("table t already exists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_table_as_select_with_an_existing_name_changes_nothing()
    {
        FailsAndChangesNothing<BindException>("CREATE TABLE T AS SELECT 1 AS x");
    }

    [Fact]
    public void Drop_of_a_missing_table_changes_nothing()
    {
        var error = FailsAndChangesNothing<BindException>("DROP TABLE missing");

        Assert.Contains("table missing does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_statement_in_a_script_keeps_the_statements_before_it()
    {
        var version = DirectoryState.ManifestVersion(_db.Path);

        Assert.Throws<BindException>(() => _db.Execute("INSERT INTO t VALUES (3, 'three'); INSERT INTO t VALUES ('x', 'y'); INSERT INTO t VALUES (5, 'five')"));

        // The first INSERT went to the write log and buffer (no manifest commit); the second and third never ran.
        Assert.Equal(version, DirectoryState.ManifestVersion(_db.Path));
        Assert.Equal(["1|one", "2|two", "3|three"], Contents());
        Assert.Equal(DirectoryState.ReferencedSegments(_db.Path), DirectoryState.SegmentFiles(_db.Path));
    }

    [Fact]
    public void A_failed_statement_is_not_seen_after_reopening()
    {
        Assert.Throws<QueryExecutionException>(() => _db.Execute("CREATE TABLE numbers AS SELECT CAST(w AS INTEGER) AS n FROM words"));
        Assert.Throws<QueryExecutionException>(() => _db.Execute("INSERT INTO t SELECT CAST(w AS INTEGER), w FROM words"));
        _db.Dispose();

        using var reopened = OlapDatabase.Open(_temp.File("db"));
        Assert.Equal(["t", "words"], ResultText.Column(reopened.Execute("SHOW TABLES")));
        Assert.Equal(["1|one", "2|two"], ResultText.Lines(reopened.Execute("SELECT id, name FROM t ORDER BY id")));
    }
}
