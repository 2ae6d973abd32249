namespace Olap.Columnar.Encoding;

/// <summary>The codec of a column chunk. The numeric values are persisted in files and never change.</summary>
public enum EncodingKind : byte
{
    Plain = 1,
    BitPacked = 2,
    Delta = 3,
    Dictionary = 4,
    RunLength = 5,
    Bitmap = 6,
}
