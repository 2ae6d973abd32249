namespace Olap.Datasets.Ssb;

/// <summary>Text layouts the generator writes.</summary>
public enum SsbFileFormat
{
    /// <summary>dbgen's layout: '|' after every field (including the last), no header, no quoting.</summary>
    Tbl,

    /// <summary>RFC 4180: a header row, ',' between fields, text quoted when it holds a comma, quote or line break.</summary>
    Csv,
}
