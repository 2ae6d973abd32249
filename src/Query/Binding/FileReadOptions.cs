namespace Olap.Query.Binding;

/// <summary>How to read a file queried in place: its format (null: from the extension) and, for Parquet, hive partitioning.</summary>
internal sealed record FileReadOptions(string? Format = null, bool HivePartitioning = false)
{
    public static FileReadOptions FromExtension { get; } = new();
}
