using System.Text;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Functions;

namespace Olap.Query.Execution.Expressions;

/// <summary>
/// operand [NOT] LIKE pattern. A constant pattern compiles once; a dictionary operand matches once per entry.
/// A pattern that varies by row is compiled when it changes.
/// </summary>
internal sealed class LikeNode(ExpressionNode operand, ExpressionNode pattern, bool negated) : ExpressionNode(ColumnType.Boolean)
{
    private readonly ColumnVector _output = new(ColumnType.Boolean);
    private readonly ColumnVector _entries = new(ColumnType.Boolean);
    private byte[] _lastPattern = [];
    private LikePattern? _compiled;

    public override ColumnVector Evaluate(DataChunk chunk, RowSelection rows)
    {
        var input = operand.Evaluate(chunk, rows);
        var patterns = pattern.Evaluate(chunk, rows);
        var count = rows.Count;
        if (patterns.Form == VectorForm.Constant)
        {
            if (patterns.IsNull(0))
            {
                _output.SetConstantNull(count);
                return _output;
            }

            var like = Compile(patterns.GetString(0));
            if (input.Form == VectorForm.Constant)
            {
                if (input.IsNull(0))
                {
                    _output.SetConstantNull(count);
                }
                else
                {
                    VectorResults.SetConstant(_output, count, Match(like, input.GetString(0)));
                }

                return _output;
            }

            if (input.Form == VectorForm.Dictionary && StringComparisonNode<EqualOp>.DictionaryPays(input, rows))
            {
                var dictionary = input.Dictionary;
                var entries = _entries.PrepareFlat<byte>(dictionary.Count);
                for (var e = 0; e < entries.Length; e++)
                {
                    entries[e] = Match(like, dictionary.GetString(e));
                }

                var codes = _output.RentCodes(count);
                input.Codes[..count].CopyTo(codes.Span);
                _output.ReferenceDictionary(count, _entries, codes);
                VectorResults.CopyRowValidity(input, _output, count);
                return _output;
            }
        }

        var values = _output.PrepareFlat<byte>(count);
        for (var i = 0; i < rows.LiveCount; i++)
        {
            var row = rows[i];
            if (input.IsNull(row) || patterns.IsNull(row))
            {
                _output.Validity.SetInvalid(row, count);
                continue;
            }

            values[row] = Match(Compile(patterns.GetString(row)), input.GetString(row));
        }

        return _output;
    }

    private byte Match(LikePattern like, ReadOnlySpan<byte> value) => like.IsMatch(value) != negated ? (byte)1 : (byte)0;

    private LikePattern Compile(ReadOnlySpan<byte> utf8)
    {
        if (_compiled is null || !utf8.SequenceEqual(_lastPattern))
        {
            _compiled = LikePattern.Compile(Encoding.UTF8.GetString(utf8));
            _lastPattern = utf8.ToArray();
        }

        return _compiled;
    }
}
