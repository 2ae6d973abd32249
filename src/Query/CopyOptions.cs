using Olap.Columnar.Text;
using Olap.Query.Binding;
using Olap.Query.Parsing.Ast;

namespace Olap.Query;

/// <summary>
/// The options of a COPY statement, with DuckDB's meanings: FORMAT (csv, olap, parquet); for CSV DELIMITER (SEP),
/// HEADER, NULL, QUOTE and ALLOW_QUOTED_NULLS; for writing Parquet COMPRESSION (snappy, zstd, gzip, lz4, brotli,
/// uncompressed), ROW_GROUP_SIZE and PARTITION_BY (columns).
/// </summary>
internal sealed record CopyOptions(string Format, DelimitedTextOptions Text)
{
    /// <summary>DuckDB's default row group size.</summary>
    public const int DefaultRowGroupSize = 122_880;

    public ParquetSharp.Compression Compression { get; init; } = ParquetSharp.Compression.Snappy;

    public int RowGroupSize { get; init; } = DefaultRowGroupSize;

    public IReadOnlyList<string> PartitionBy { get; init; } = [];

    /// <summary>The format a path's extension names: parquet for .parquet, olap for .olap, else csv.</summary>
    public static string FormatOf(string path) =>
        path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".parq", StringComparison.OrdinalIgnoreCase) ? "parquet"
        : path.EndsWith(".olap", StringComparison.OrdinalIgnoreCase) ? "olap"
        : path.EndsWith(".arrow", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".feather", StringComparison.OrdinalIgnoreCase) ? "arrow"
        : "csv";

    public static CopyOptions Parse(IReadOnlyList<CopyOption> options, bool forWriting, string defaultFormat = "csv")
    {
        var format = defaultFormat;
        var text = new DelimitedTextOptions { Header = forWriting };
        var compression = ParquetSharp.Compression.Snappy;
        var rowGroupSize = DefaultRowGroupSize;
        IReadOnlyList<string> partitionBy = [];
        foreach (var option in options)
        {
            switch (option.Name.ToLowerInvariant())
            {
                case "format":
                    format = ValueText(option).ToLowerInvariant();
                    if (format is not ("csv" or "olap" or "parquet" or "arrow"))
                    {
                        throw new BindException($"COPY FORMAT {format} is not supported (csv, olap, parquet or arrow)", option.Position);
                    }

                    break;
                case "compression" or "codec" when forWriting:
                    compression = ValueText(option).ToLowerInvariant() switch
                    {
                        "snappy" => ParquetSharp.Compression.Snappy,
                        "zstd" => ParquetSharp.Compression.Zstd,
                        "gzip" => ParquetSharp.Compression.Gzip,
                        "lz4" or "lz4_raw" => ParquetSharp.Compression.Lz4,
                        "brotli" => ParquetSharp.Compression.Brotli,
                        "uncompressed" or "none" => ParquetSharp.Compression.Uncompressed,
                        var other => throw new BindException($"COMPRESSION {other} is not supported (snappy, zstd, gzip, lz4, brotli, uncompressed)", option.Position),
                    };
                    break;
                case "row_group_size" when forWriting:
                    rowGroupSize = int.TryParse(ValueText(option), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size) && size >= 1
                        ? size
                        : throw new BindException($"ROW_GROUP_SIZE must be a whole number of rows, at least 1, not {ValueText(option)}", option.Position);
                    break;
                case "partition_by" when forWriting:
                    partitionBy = option.Names ?? (option.Value is ColumnReferenceExpression single ? [single.Name] : throw new BindException("PARTITION_BY takes column names: PARTITION_BY (a, b)", option.Position));
                    break;
                case "delimiter" or "delim" or "sep":
                {
                    var delimiter = ValueText(option);
                    if (delimiter.Length != 1 || delimiter[0] > 127 || delimiter[0] is '\r' or '\n')
                    {
                        throw new BindException($"DELIMITER must be one ASCII character, not '{delimiter}'", option.Position);
                    }

                    text = text with { Delimiter = delimiter[0] };
                    break;
                }

                case "header":
                    text = text with { Header = Boolean(option) };
                    break;
                case "null" or "nullstr":
                    text = text with { NullString = ValueText(option) };
                    break;
                case "allow_quoted_nulls":
                    text = text with { AllowQuotedNulls = Boolean(option) };
                    break;
                case "quote":
                {
                    var quote = ValueText(option);
                    if (quote.Length > 1)
                    {
                        throw new BindException($"QUOTE must be one character or empty, not '{quote}'", option.Position);
                    }

                    text = text with { Quote = quote.Length == 0 ? '\0' : quote[0] };
                    break;
                }

                default:
                    throw new BindException(NameSuggestions.WithSuggestion($"unknown COPY option {option.Name}", option.Name, ["format", "delimiter", "header", "null", "quote", "allow_quoted_nulls", "compression", "row_group_size", "partition_by"]), option.Position);
            }
        }

        if (format != "parquet" && (partitionBy.Count > 0 || rowGroupSize != DefaultRowGroupSize))
        {
            throw new BindException($"PARTITION_BY and ROW_GROUP_SIZE are options for writing Parquet, not {format}", options[0].Position);
        }

        return new CopyOptions(format, text) { Compression = compression, RowGroupSize = rowGroupSize, PartitionBy = partitionBy };
    }

    private static string ValueText(CopyOption option) => option.Value switch
    {
        LiteralExpression literal => literal.Text,
        ColumnReferenceExpression reference => reference.Name,
        _ => throw new BindException($"COPY option {option.Name} needs a value", option.Position),
    };

    private static bool Boolean(CopyOption option)
    {
        if (option.Value is null)
        {
            return true;
        }

        var text = ValueText(option).ToLowerInvariant();
        return text switch
        {
            "true" or "1" or "on" => true,
            "false" or "0" or "off" => false,
            _ => throw new BindException($"COPY option {option.Name} takes true or false, not {text}", option.Position),
        };
    }
}
