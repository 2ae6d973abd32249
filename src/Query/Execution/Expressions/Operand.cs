using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Expressions;

/// <summary>
/// One fixed-width input of a kernel in a form every kernel reads alike (DuckDB's UnifiedVectorFormat, simplified):
/// values indexed by <c>row &amp; Mask</c>, so a constant (mask 0) and a flat vector (mask -1) share one loop.
/// Dictionary inputs are gathered for the live rows into a reusable buffer first.
/// </summary>
internal readonly ref struct Operand<T>
    where T : unmanaged
{
    private readonly ValidityMask _validity;

    public Operand(ReadOnlySpan<T> values, int mask, ValidityMask validity)
    {
        Values = values;
        Mask = mask;
        _validity = validity;
    }

    public ReadOnlySpan<T> Values { get; }

    /// <summary>0 for a constant, -1 otherwise.</summary>
    public int Mask { get; }

    public bool HasNulls => !_validity.AllValid;

    public bool IsConstant => Mask == 0;

    public T this[int row] => Values[row & Mask];

    public bool IsValid(int row) => _validity.IsValid(row & Mask);

    public static Operand<T> Read(ColumnVector vector, RowSelection rows, ref T[]? scratch)
    {
        switch (vector.Form)
        {
            case VectorForm.Flat:
                return new Operand<T>(vector.Values<T>(), -1, vector.Validity);
            case VectorForm.Constant:
                return new Operand<T>(vector.Values<T>()[..1], 0, vector.Validity);
            default:
            {
                if (scratch is null || scratch.Length < rows.Count)
                {
                    scratch = new T[Math.Max(rows.Count, VectorSize.Standard)];
                }

                var entries = vector.Dictionary.Values<T>();
                var codes = vector.Codes;
                if (rows.IsDense)
                {
                    for (var i = 0; i < rows.Count; i++)
                    {
                        scratch[i] = entries[codes[i]];
                    }
                }
                else
                {
                    foreach (var row in rows.Selection)
                    {
                        scratch[row] = entries[codes[row]];
                    }
                }

                return new Operand<T>(scratch, -1, vector.Validity);
            }
        }
    }
}
