using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Expressions;

/// <summary>Small operations on result vectors that several nodes share.</summary>
internal static class VectorResults
{
    /// <summary>Makes <paramref name="output"/> a constant of <paramref name="count"/> rows holding <paramref name="value"/>.</summary>
    public static void SetConstant<T>(ColumnVector output, int count, T value)
        where T : unmanaged
    {
        output.PrepareFlat<T>(1)[0] = value;
        output.ReferenceConstant(count, output.RawMemory);
    }

    /// <summary>Turns a one-row flat result (row 0) into a constant of <paramref name="count"/> rows, keeping a NULL.</summary>
    public static void FlatRowToConstant(ColumnVector output, int count)
    {
        var isNull = output.IsNull(0);
        if (isNull)
        {
            output.SetConstantNull(count);
            return;
        }

        output.ReferenceConstant(count, output.RawMemory, output.HeapMemory);
    }

    /// <summary>Copies the row validity of <paramref name="source"/> (any form) for <paramref name="count"/> rows into <paramref name="target"/>.</summary>
    public static void CopyRowValidity(ColumnVector source, ColumnVector target, int count)
    {
        if (source.Validity.AllValid)
        {
            target.Validity.SetAllValid();
        }
        else if (source.Form == VectorForm.Constant)
        {
            for (var i = 0; i < count; i++)
            {
                target.Validity.SetInvalid(i, count);
            }
        }
        else
        {
            target.Validity.CopyFrom(source.Validity.Bits, 0, count);
        }
    }

    /// <summary>Copies the value of <paramref name="row"/> of <paramref name="source"/> (any form, not NULL) into flat <paramref name="target"/>.</summary>
    public static void CopyFixed(ColumnVector source, ColumnVector target, int row)
    {
        switch (source.Type.FixedWidth)
        {
            case 1: target.Values<byte>()[row] = source.GetValue<byte>(row); break;
            case 2: target.Values<short>()[row] = source.GetValue<short>(row); break;
            case 4: target.Values<int>()[row] = source.GetValue<int>(row); break;
            case 8: target.Values<long>()[row] = source.GetValue<long>(row); break;
            default: target.Values<Int128>()[row] = source.GetValue<Int128>(row); break;
        }
    }

    /// <summary>Makes <paramref name="output"/> an owned flat vector of <paramref name="count"/> rows of its type (not strings).</summary>
    public static void PrepareFlatFixed(ColumnVector output, int count)
    {
        switch (output.Type.FixedWidth)
        {
            case 1: output.PrepareFlat<byte>(count); break;
            case 2: output.PrepareFlat<short>(count); break;
            case 4: output.PrepareFlat<int>(count); break;
            case 8: output.PrepareFlat<long>(count); break;
            default: output.PrepareFlat<Int128>(count); break;
        }
    }

    /// <summary>The type's name in DuckDB's runtime messages (INT32 for INTEGER).</summary>
    public static string PhysicalName(ColumnType type) => type.Id switch
    {
        LogicalTypeId.SmallInt => "INT16",
        LogicalTypeId.Integer => "INT32",
        LogicalTypeId.BigInt => "INT64",
        LogicalTypeId.HugeInt => "INT128",
        LogicalTypeId.Decimal => $"DECIMAL({type.Precision})",
        _ => type.ToString(),
    };
}
