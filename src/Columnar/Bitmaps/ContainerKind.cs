namespace Olap.Columnar.Bitmaps;

/// <summary>How a <see cref="Container"/> holds its values. The numbers are written to files and never change.</summary>
internal enum ContainerKind : byte
{
    /// <summary>Sorted distinct ushort values, at most 4096 of them.</summary>
    Array = 1,

    /// <summary>65536 bits in 1024 words.</summary>
    Bitset = 2,

    /// <summary>Sorted, disjoint, non-adjacent (start, lengthMinus1) pairs.</summary>
    Run = 3,
}
