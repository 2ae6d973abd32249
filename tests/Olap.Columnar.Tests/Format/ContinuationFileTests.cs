using Olap.Columnar.Format;
using Olap.Columnar.Types;

namespace Olap.Columnar.Tests.Format;

/// <summary>
/// With a continuation path, rows that outgrow a file's size limit continue in further files: each a complete file,
/// together every row once, sorted rows in order across the files.
/// </summary>
public sealed class ContinuationFileTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Sorted_rows_continue_in_order_across_files_that_stay_under_the_limit()
    {
        var rows = SampleTable.Rows(40_000, seed: 31);
        SortKeyColumn[] key = [new(SampleTable.Day)];
        var next = 0;
        var options = new OlapWriterOptions
        {
            RowGroupSize = 2048,
            SortKey = key,
            SortBufferRows = 9_000,
            MaxFileBytes = 150_000,
            ContinuationPath = () => _directory.File($"part-{++next}.olap"),
        };
        IReadOnlyList<WrittenFile> files;
        using (var writer = new OlapFileWriter(_directory.File("part-0.olap"), SampleTable.Columns, options))
        {
            foreach (var row in rows)
            {
                writer.AppendRow(row);
            }

            writer.Finish();
            files = writer.Files;
        }

        Assert.True(files.Count >= 3, $"expected the rows to spread over several files, got {files.Count}");
        Assert.Equal(rows.Count, files.Sum(f => f.RowCount));
        var all = new List<ScalarValue[]>();
        foreach (var file in files)
        {
            Assert.True(new FileInfo(file.Path).Length <= options.MaxFileBytes, $"{file.Path} is {new FileInfo(file.Path).Length} bytes");
            using var reader = OlapFileReader.Open(file.Path);
            reader.Verify();
            Assert.Equal(file.RowCount, reader.RowCount);
            Assert.Equal(key, reader.SortKey);
            all.AddRange(FileRows.ReadAll(file.Path));
        }

        FileRows.AssertSameRows(SortedFileTests.StableSort(rows, key), all);
        Assert.Equal(files.Select(f => Path.GetFileName(f.Path)).Order(StringComparer.Ordinal), _directory.FileNames().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_abandoned_write_deletes_the_files_it_had_completed()
    {
        var next = 0;
        var options = new OlapWriterOptions { RowGroupSize = 2048, MaxFileBytes = 100_000, ContinuationPath = () => _directory.File($"part-{++next}.olap") };
        using (var writer = new OlapFileWriter(_directory.File("part-0.olap"), SampleTable.Columns, options))
        {
            foreach (var row in SampleTable.Rows(30_000, seed: 32))
            {
                writer.AppendRow(row);
            }

            Assert.True(next > 0, "the test needs files completed before the write is abandoned");
        }

        Assert.Empty(_directory.FileNames());
    }
}
