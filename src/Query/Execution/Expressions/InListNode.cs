using System.Numerics;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Expressions;

/// <summary>
/// operand [NOT] IN (constants): TRUE/FALSE by membership; a miss is NULL when the list held a NULL, and a NULL operand
/// is NULL. Fixed-width values probe a hash set; strings too, once per dictionary entry for dictionary input.
/// </summary>
internal abstract class InListNode(ExpressionNode operand, bool negated, bool listHasNull) : ExpressionNode(ColumnType.Boolean)
{
    private readonly ColumnVector _output = new(ColumnType.Boolean);
    private readonly ColumnVector _entries = new(ColumnType.Boolean);

    public static ExpressionNode Create(ExpressionNode operand, IReadOnlyList<ScalarValue> values, bool negated, bool listHasNull)
        => operand.Type.Physical switch
        {
            PhysicalKind.Int8 => new Fixed<byte>(operand, values, negated, listHasNull),
            PhysicalKind.Int16 => new Fixed<short>(operand, values, negated, listHasNull),
            PhysicalKind.Int32 => new Fixed<int>(operand, values, negated, listHasNull),
            PhysicalKind.Int64 => new Fixed<long>(operand, values, negated, listHasNull),
            PhysicalKind.Int128 => new Fixed<Int128>(operand, values, negated, listHasNull),
            PhysicalKind.Double => new Fixed<double>(operand, values, negated, listHasNull),
            _ => new Strings(operand, values, negated, listHasNull),
        };

    public override ColumnVector Evaluate(DataChunk chunk, RowSelection rows)
    {
        var input = operand.Evaluate(chunk, rows);
        var count = rows.Count;
        if (input.Form == VectorForm.Constant)
        {
            if (input.IsNull(0) || (!Contains(input, 0) && listHasNull))
            {
                _output.SetConstantNull(count);
            }
            else
            {
                VectorResults.SetConstant(_output, count, (byte)(Contains(input, 0) != negated ? 1 : 0));
            }

            return _output;
        }

        if (input.Form == VectorForm.Dictionary && input.Type.Physical == PhysicalKind.String && StringComparisonNode<EqualOp>.DictionaryPays(input, rows))
        {
            var dictionary = input.Dictionary;
            var entries = _entries.PrepareFlat<byte>(dictionary.Count);
            for (var e = 0; e < entries.Length; e++)
            {
                var found = Contains(dictionary, e);
                entries[e] = (byte)(found != negated ? 1 : 0);
                if (!found && listHasNull)
                {
                    _entries.Validity.SetInvalid(e, entries.Length);
                }
            }

            var values = _output.PrepareFlat<byte>(count);
            var codes = input.Codes;
            for (var i = 0; i < rows.LiveCount; i++)
            {
                var row = rows[i];
                var code = codes[row];
                values[row] = entries[code];
                if (input.IsNull(row) || !_entries.Validity.IsValid(code))
                {
                    _output.Validity.SetInvalid(row, count);
                }
            }

            return _output;
        }

        var output = _output.PrepareFlat<byte>(count);
        for (var i = 0; i < rows.LiveCount; i++)
        {
            var row = rows[i];
            if (input.IsNull(row))
            {
                _output.Validity.SetInvalid(row, count);
                continue;
            }

            var found = Contains(input, row);
            output[row] = (byte)(found != negated ? 1 : 0);
            if (!found && listHasNull)
            {
                _output.Validity.SetInvalid(row, count);
            }
        }

        return _output;
    }

    protected abstract bool Contains(ColumnVector vector, int row);

    private sealed class Fixed<T> : InListNode
        where T : unmanaged, INumber<T>
    {
        private readonly HashSet<T> _set = [];

        public Fixed(ExpressionNode operand, IReadOnlyList<ScalarValue> values, bool negated, bool listHasNull)
            : base(operand, negated, listHasNull)
        {
            foreach (var value in values)
            {
                _set.Add(value.As<T>());
            }
        }

        protected override bool Contains(ColumnVector vector, int row) => _set.Contains(vector.GetValue<T>(row));
    }

    private sealed class Strings : InListNode
    {
        private readonly HashSet<string> _set = new(StringComparer.Ordinal);
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private char[] _chars = new char[256];

        public Strings(ExpressionNode operand, IReadOnlyList<ScalarValue> values, bool negated, bool listHasNull)
            : base(operand, negated, listHasNull)
        {
            foreach (var value in values)
            {
                _set.Add(value.ToString());
            }

            _lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        protected override bool Contains(ColumnVector vector, int row)
        {
            var bytes = vector.GetString(row);
            if (_chars.Length < bytes.Length)
            {
                _chars = new char[bytes.Length * 2];
            }

            // Decoding into a reused buffer lets the ordinal set be probed without a string per row.
            var length = System.Text.Encoding.UTF8.GetChars(bytes, _chars);
            return _lookup.Contains(_chars.AsSpan(0, length));
        }
    }
}
