using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Expressions;

/// <summary>Turns BOOLEAN vectors into row selections.</summary>
internal static class BooleanRows
{
    /// <summary>The live rows whose value is TRUE (not FALSE, not NULL), ascending.</summary>
    public static int SelectTrue(ColumnVector vector, RowSelection rows, Span<int> result)
    {
        var count = 0;
        switch (vector.Form)
        {
            case VectorForm.Constant:
                if (vector.IsNull(0) || vector.Values<byte>()[0] == 0)
                {
                    return 0;
                }

                return CopyAll(rows, result);
            case VectorForm.Flat:
            {
                var values = vector.Values<byte>();
                var validity = vector.Validity;
                if (rows.IsDense)
                {
                    if (validity.AllValid)
                    {
                        for (var row = 0; row < rows.Count; row++)
                        {
                            // Branch-free append: write always, advance when true.
                            result[count] = row;
                            count += values[row] != 0 ? 1 : 0;
                        }

                        return count;
                    }

                    for (var row = 0; row < rows.Count; row++)
                    {
                        if (values[row] != 0 && validity.IsValid(row))
                        {
                            result[count++] = row;
                        }
                    }

                    return count;
                }

                foreach (var row in rows.Selection)
                {
                    if (values[row] != 0 && validity.IsValid(row))
                    {
                        result[count++] = row;
                    }
                }

                return count;
            }

            default:
            {
                var entries = vector.Dictionary.Values<byte>();
                var codes = vector.Codes;
                for (var i = 0; i < rows.LiveCount; i++)
                {
                    var row = rows[i];
                    if (entries[codes[row]] != 0 && !vector.IsNull(row))
                    {
                        result[count++] = row;
                    }
                }

                return count;
            }
        }
    }

    public static int CopyAll(RowSelection rows, Span<int> result)
    {
        if (rows.IsDense)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                result[i] = i;
            }

            return rows.Count;
        }

        rows.Selection.CopyTo(result);
        return rows.Selection.Length;
    }
}
