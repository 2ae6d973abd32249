using Olap.Columnar.Format;

namespace Olap.Columnar.Tests.Format;

/// <summary>
/// Row groups are encoded on worker threads while rows keep arriving, and written in order: the file must be the same
/// byte for byte whatever the number of threads, sorted or not, spilled or not.
/// </summary>
public sealed class ParallelEncodingTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(false, 100_000)]
    [InlineData(true, 100_000)]  // sorted in memory
    [InlineData(true, 7_000)]    // sorted runs on disk plus the last one in memory
    public void The_file_is_identical_whatever_the_number_of_encoding_threads(bool sorted, int sortBufferRows)
    {
        var rows = SampleTable.Rows(30_000, seed: 21);
        SortKeyColumn[] key = sorted ? [new(SampleTable.Day), new(SampleTable.Name, Descending: true)] : [];
        byte[]? reference = null;
        foreach (var threads in new[] { 1, 2, 5 })
        {
            var path = _directory.File($"t{threads}.olap");
            FileRows.Write(path, SampleTable.Columns, rows, new OlapWriterOptions
            {
                RowGroupSize = 2048,
                SortKey = key,
                SortBufferRows = sortBufferRows,
                EncodingThreads = threads,
            });
            var bytes = File.ReadAllBytes(path);
            reference ??= bytes;
            Assert.True(reference.AsSpan().SequenceEqual(bytes), $"{threads} encoding threads wrote a different file");
            using var reader = OlapFileReader.Open(path);
            reader.Verify();
            Assert.Equal(rows.Count, reader.RowCount);
        }
    }

    [Fact]
    public void A_writer_abandoned_while_row_groups_are_being_encoded_leaves_no_file_behind()
    {
        var rows = SampleTable.Rows(20_000, seed: 22);
        var path = _directory.File("abandoned.olap");
        using (var writer = new OlapFileWriter(path, SampleTable.Columns, new OlapWriterOptions { RowGroupSize = 2048, EncodingThreads = 4, SortKey = [new(SampleTable.Day)], SortBufferRows = 5_000 }))
        {
            foreach (var row in rows)
            {
                writer.AppendRow(row);
            }
        }

        Assert.Empty(_directory.FileNames());
    }
}
