namespace Olap.Columnar.Vectors;

/// <summary>How a <see cref="ColumnVector"/> holds its rows. Operators that understand a form use it; others flatten.</summary>
public enum VectorForm : byte
{
    /// <summary>One value per row.</summary>
    Flat,

    /// <summary>One value (or NULL) standing for every row, as a run-length run covering the chunk decodes.</summary>
    Constant,

    /// <summary>One code per row into a shared flat vector of distinct values.</summary>
    Dictionary,
}
