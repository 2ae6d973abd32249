using Olap.Columnar.Encoding;

namespace Olap.Columnar.Format;

/// <summary>How an <see cref="OlapFileWriter"/> lays out a file.</summary>
public sealed record OlapWriterOptions
{
    /// <summary>Rows per row group; a multiple of the vector size so chunks never straddle row groups.</summary>
    public int RowGroupSize { get; init; } = FormatConstants.DefaultRowGroupSize;

    /// <summary>Columns the rows are ordered by (stable): the file's declared order.</summary>
    public IReadOnlyList<SortKeyColumn> SortKey { get; init; } = [];

    /// <summary>
    /// Rows held in memory before a sorted run is spilled to a temporary file; unsorted files buffer one row group.
    /// Bounds the writer's memory whatever the input size.
    /// </summary>
    public int SortBufferRows { get; init; } = 4 * FormatConstants.DefaultRowGroupSize;

    /// <summary>Forces one encoding where it applies (falling back to plain), for tests and benchmarks.</summary>
    public EncodingKind? ForceEncoding { get; init; }
}
