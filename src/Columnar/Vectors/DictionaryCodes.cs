namespace Olap.Columnar.Vectors;

/// <summary>
/// What a column builder knows when every string it holds came from one frozen vector (a dictionary vector's
/// dictionary, or the vector gathered from): each row's index into <see cref="Dictionary"/> (-1 for a NULL row). The encoder then finds a chunk's distinct values from these
/// numbers instead of hashing every string again.
/// </summary>
public readonly record struct DictionaryCodes(ColumnVector Dictionary, ReadOnlyMemory<int> Codes);
