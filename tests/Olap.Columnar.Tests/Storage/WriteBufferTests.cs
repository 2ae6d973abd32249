using Olap.Columnar.Storage;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Tests.Storage;

/// <summary>
/// The in-memory write buffer: single-row appends are packed into chunks whose zone maps cover every row, and
/// readers see appended rows only once revealed (their log records are on disk).
/// </summary>
public sealed class WriteBufferTests
{
    private static ColumnVector[] Row(long? id, string? name)
    {
        var ids = new ColumnBuilder(ColumnType.BigInt, 1);
        var names = new ColumnBuilder(ColumnType.Varchar, 1);
        if (id is { } value)
        {
            ids.AppendInt64(value);
        }
        else
        {
            ids.AppendNull();
        }

        if (name is null)
        {
            names.AppendNull();
        }
        else
        {
            names.AppendString(name);
        }

        return [ids.ToVector(), names.ToVector()];
    }

    [Fact]
    public void Rows_appended_one_at_a_time_share_a_chunk_whose_zone_map_spans_all_of_them()
    {
        var buffer = new WriteBuffer();
        (long? Id, string? Name)[] rows = [(50, "m"), (null, null), (7, "zz"), (90, "a"), (12, null)];
        for (var i = 0; i < rows.Length; i++)
        {
            buffer.Append("T", Row(rows[i].Id, rows[i].Name), 1, i + 1);
        }

        buffer.Reveal(rows.Length);
        var chunk = Assert.Single(buffer.Current.Tables["t"]);
        Assert.Equal(5, chunk.RowCount);
        Assert.Equal(1, chunk.FirstSequence);
        Assert.Equal(["7", "90"], new[] { chunk.Min[0].ToString(), chunk.Max[0].ToString() });
        Assert.Equal(["a", "zz"], new[] { chunk.Min[1].ToString(), chunk.Max[1].ToString() });
    }

    [Fact]
    public void A_chunk_of_nulls_only_has_no_zone_map_bounds()
    {
        var buffer = new WriteBuffer();
        buffer.Append("t", Row(null, null), 1, 1);
        buffer.Append("t", Row(null, null), 1, 2);
        var chunk = Assert.Single(buffer.Latest.Tables["t"]);
        Assert.True(chunk.Min[0].IsNull && chunk.Max[0].IsNull && chunk.Min[1].IsNull && chunk.Max[1].IsNull);
    }

    [Fact]
    public void Readers_see_appended_rows_only_up_to_the_revealed_log_record()
    {
        var buffer = new WriteBuffer();
        buffer.Append("t", Row(1, "a"), 1, 1);
        buffer.Append("t", Row(2, "b"), 1, 2);
        buffer.Append("t", Row(3, "c"), 1, 3);

        Assert.Equal(0, buffer.Current.RowCount);
        Assert.Equal(3, buffer.Latest.RowCount);

        buffer.Reveal(2);
        Assert.Equal(2, buffer.Current.RowCount);
        Assert.Equal(2, buffer.Current.LastSequence);

        buffer.Reveal(1); // a late flush's waiter: never moves back
        Assert.Equal(2, buffer.Current.RowCount);

        buffer.Reveal(3);
        Assert.Equal(3, buffer.Current.RowCount);
    }

    [Fact]
    public void Clearing_drops_rows_still_waiting_so_a_late_reveal_cannot_bring_them_back()
    {
        var buffer = new WriteBuffer();
        buffer.Append("t", Row(1, "a"), 1, 1);
        buffer.Append("t", Row(2, "b"), 1, 2);
        buffer.Clear(2);
        buffer.Reveal(2);

        Assert.Equal(0, buffer.Current.RowCount);
        Assert.Equal(0, buffer.Latest.RowCount);
        Assert.Equal(2, buffer.Current.LastSequence);

        buffer.Append("t", Row(3, "c"), 1, 3);
        buffer.Reveal(3);
        Assert.Equal(1, buffer.Current.RowCount);
    }
}
