namespace Olap.Columnar.Vectors;

/// <summary>How many rows a <see cref="DataChunk"/> holds at most.</summary>
public static class VectorSize
{
    /// <summary>
    /// 2048 rows keep a chunk of 64-bit values (16 KiB) in L1/L2 while amortizing per-chunk overhead;
    /// a multiple of 64 so validity and filter bitmaps of a chunk are whole 64-bit words.
    /// </summary>
    public const int Standard = 2048;
}
