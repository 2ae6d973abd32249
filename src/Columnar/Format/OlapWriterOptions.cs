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
    /// The caller hands the rows over already in <see cref="SortKey"/> order: they are written as they come, one row
    /// group at a time, and the file still declares the key.
    /// </summary>
    public bool InputSorted { get; init; }

    /// <summary>
    /// Rows held in memory before a sorted run is spilled to a temporary file; unsorted files buffer one row group.
    /// Bounds the writer's memory whatever the input size.
    /// </summary>
    public int SortBufferRows { get; init; } = 16 * FormatConstants.DefaultRowGroupSize;

    /// <summary>
    /// Row groups analyzed and encoded at once on worker threads while rows keep arriving; 1 encodes on the caller's
    /// thread. The file is the same byte for byte whatever the number.
    /// </summary>
    public int EncodingThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>The file operations the writer goes through (real files unless a test injects faults).</summary>
    public Storage.StorageFiles Files { get; init; } = Storage.StorageFiles.Real;

    /// <summary>
    /// When set, a file that would grow past <see cref="MaxFileBytes"/> is completed and the rows continue in a new
    /// file at the path this returns (sorted rows stay in order across files); <see cref="OlapFileWriter.Files"/> lists
    /// them. Without it one file holds every row.
    /// </summary>
    public Func<string>? ContinuationPath { get; init; }

    /// <summary>The size a file may reach before the rows continue in the next one (with <see cref="ContinuationPath"/>).</summary>
    public long MaxFileBytes { get; init; } = 1L << 30;

    /// <summary>A sort's temporary run: plain payloads without zone maps, encoded on the caller's thread.</summary>
    internal bool IsSortRun { get; init; }

    /// <summary>Forces one encoding where it applies (falling back to plain), for tests and benchmarks.</summary>
    public EncodingKind? ForceEncoding { get; init; }
}

/// <summary>One file an <see cref="OlapFileWriter"/> completed, with the rows it holds.</summary>
public sealed record WrittenFile(string Path, long RowCount);
