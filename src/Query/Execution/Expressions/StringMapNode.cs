using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Expressions;

/// <summary>
/// A function of one VARCHAR (or other) operand row by row (other arguments constant). A constant operand is computed
/// once; a string dictionary operand, when <see cref="LiftsDictionary"/>, once per entry, the result sharing the codes.
/// </summary>
internal abstract class StringMapNode(ExpressionNode operand, ColumnType type) : ExpressionNode(type)
{
    private readonly ColumnVector _output = new(type);
    private readonly ColumnVector _entries = new(type);

    /// <summary>False for functions that can fail (casts): an entry no live row uses must not raise an error.</summary>
    protected virtual bool LiftsDictionary => true;

    public override ColumnVector Evaluate(DataChunk chunk, RowSelection rows)
    {
        var input = operand.Evaluate(chunk, rows);
        var count = rows.Count;
        if (input.Form == VectorForm.Constant)
        {
            if (input.IsNull(0))
            {
                _output.SetConstantNull(count);
                return _output;
            }

            Compute(input, new RowSelection(1), _output);
            VectorResults.FlatRowToConstant(_output, count);
            return _output;
        }

        if (LiftsDictionary && input.Form == VectorForm.Dictionary && input.Type.Physical == PhysicalKind.String
            && StringComparisonNode<EqualOp>.DictionaryPays(input, rows))
        {
            var dictionary = input.Dictionary;
            Compute(dictionary, new RowSelection(dictionary.Count), _entries);
            var codes = _output.RentCodes(count);
            input.Codes[..count].CopyTo(codes.Span);
            _output.ReferenceDictionary(count, _entries, codes);
            VectorResults.CopyRowValidity(input, _output, count);
            return _output;
        }

        Compute(input, rows, _output);
        return _output;
    }

    /// <summary>Fills <paramref name="output"/> for the live rows of <paramref name="input"/> (NULL in, NULL out).</summary>
    protected abstract void Compute(ColumnVector input, RowSelection rows, ColumnVector output);
}
