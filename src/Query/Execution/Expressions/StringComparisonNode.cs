using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Expressions;

/// <summary>
/// A comparison of VARCHARs by UTF-8 bytes (code point order, as DuckDB). A dictionary column against a constant is
/// compared once per dictionary entry and the answers mapped through the codes.
/// </summary>
internal sealed class StringComparisonNode<TKind>(ExpressionNode left, ExpressionNode right) : ExpressionNode(ColumnType.Boolean)
    where TKind : struct, IComparisonOp
{
    private readonly ColumnVector _output = new(ColumnType.Boolean);
    private readonly ColumnVector _entries = new(ColumnType.Boolean);

    public override ColumnVector Evaluate(DataChunk chunk, RowSelection rows)
    {
        var l = left.Evaluate(chunk, rows);
        var r = right.Evaluate(chunk, rows);
        if (l.Form == VectorForm.Constant && r.Form == VectorForm.Constant)
        {
            if (l.IsNull(0) || r.IsNull(0))
            {
                _output.SetConstantNull(rows.Count);
            }
            else
            {
                VectorResults.SetConstant(_output, rows.Count, Test(l.GetString(0), r.GetString(0)));
            }

            return _output;
        }

        if (r.Form == VectorForm.Constant && l.Form == VectorForm.Dictionary && DictionaryPays(l, rows))
        {
            return CompareDictionary(l, r, rows, swapped: false);
        }

        if (l.Form == VectorForm.Constant && r.Form == VectorForm.Dictionary && DictionaryPays(r, rows))
        {
            return CompareDictionary(r, l, rows, swapped: true);
        }

        var values = _output.PrepareFlat<byte>(rows.Count);
        for (var i = 0; i < rows.LiveCount; i++)
        {
            var row = rows[i];
            if (l.IsNull(row) || r.IsNull(row))
            {
                _output.Validity.SetInvalid(row, rows.Count);
                continue;
            }

            values[row] = Test(l.GetString(row), r.GetString(row));
        }

        return _output;
    }

    /// <summary>Per-entry work pays when the dictionary is no larger than the rows it serves.</summary>
    internal static bool DictionaryPays(ColumnVector vector, RowSelection rows) => vector.Dictionary.Count <= Math.Max(rows.LiveCount, 64);

    private ColumnVector CompareDictionary(ColumnVector dictionaryVector, ColumnVector constantVector, RowSelection rows, bool swapped)
    {
        if (constantVector.IsNull(0))
        {
            _output.SetConstantNull(rows.Count);
            return _output;
        }

        var constant = constantVector.GetString(0);
        var dictionary = dictionaryVector.Dictionary;
        var entries = _entries.PrepareFlat<byte>(dictionary.Count);
        for (var e = 0; e < entries.Length; e++)
        {
            entries[e] = swapped ? Test(constant, dictionary.GetString(e)) : Test(dictionary.GetString(e), constant);
        }

        var codes = _output.RentCodes(rows.Count);
        dictionaryVector.Codes[..rows.Count].CopyTo(codes.Span);
        _output.ReferenceDictionary(rows.Count, _entries, codes);
        VectorResults.CopyRowValidity(dictionaryVector, _output, rows.Count);
        return _output;
    }

    private static byte Test(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
        => TKind.Order(left.SequenceCompareTo(right)) ? (byte)1 : (byte)0;
}
