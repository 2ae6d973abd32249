using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Expressions;

/// <summary>A constant as a constant vector, built once and re-referenced with each chunk's row count.</summary>
internal sealed class ConstantNode : ExpressionNode
{
    private readonly ColumnVector _vector;
    private readonly Memory<byte> _data;
    private readonly Memory<byte> _heap;

    public ConstantNode(ScalarValue value, ColumnType type)
        : base(type)
    {
        Value = value;
        _vector = new ColumnVector(type);
        if (value.IsNull)
        {
            return;
        }

        switch (type.Physical)
        {
            case PhysicalKind.String:
            {
                var bytes = value.Utf8;
                _vector.PrepareFlatStrings(1, bytes.Length, out var offsets, out var heap);
                offsets[0] = 0;
                offsets[1] = bytes.Length;
                bytes.CopyTo(heap);
                _heap = _vector.HeapMemory;
                break;
            }

            case PhysicalKind.Int8: _vector.PrepareFlat<byte>(1)[0] = value.As<byte>(); break;
            case PhysicalKind.Int16: _vector.PrepareFlat<short>(1)[0] = value.As<short>(); break;
            case PhysicalKind.Int32: _vector.PrepareFlat<int>(1)[0] = value.As<int>(); break;
            case PhysicalKind.Int64: _vector.PrepareFlat<long>(1)[0] = value.As<long>(); break;
            case PhysicalKind.Int128: _vector.PrepareFlat<Int128>(1)[0] = value.As<Int128>(); break;
            default: _vector.PrepareFlat<double>(1)[0] = value.As<double>(); break;
        }

        _data = _vector.RawMemory;
    }

    public ScalarValue Value { get; }

    public override ColumnVector Evaluate(DataChunk chunk, RowSelection rows)
    {
        if (Value.IsNull)
        {
            _vector.SetConstantNull(rows.Count);
        }
        else
        {
            _vector.ReferenceConstant(rows.Count, _data, _heap);
        }

        return _vector;
    }
}
