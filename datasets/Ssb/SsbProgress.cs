namespace Olap.Datasets.Ssb;

/// <summary>How far the generation of one table has come; <see cref="Fraction"/> runs from 0 to 1.</summary>
public readonly record struct SsbProgress(SsbTable Table, long RowsWritten, double Fraction);
