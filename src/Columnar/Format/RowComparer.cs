using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Format;

/// <summary>Orders rows by a sort key: NULLs first when ascending (last when descending), strings by UTF-8 bytes.</summary>
internal static class RowComparer
{
    public static int Compare(IReadOnlyList<SortKeyColumn> key, ColumnVector[] left, int leftRow, ColumnVector[] right, int rightRow)
    {
        foreach (var column in key)
        {
            var order = CompareValues(left[column.Column], leftRow, right[column.Column], rightRow);
            if (order != 0)
            {
                return column.Descending ? -order : order;
            }
        }

        return 0;
    }

    private static int CompareValues(ColumnVector left, int leftRow, ColumnVector right, int rightRow)
    {
        var leftNull = left.IsNull(leftRow);
        var rightNull = right.IsNull(rightRow);
        if (leftNull || rightNull)
        {
            return leftNull == rightNull ? 0 : leftNull ? -1 : 1;
        }

        return left.Type.Physical switch
        {
            PhysicalKind.Int8 => left.GetValue<byte>(leftRow).CompareTo(right.GetValue<byte>(rightRow)),
            PhysicalKind.Int16 => left.GetValue<short>(leftRow).CompareTo(right.GetValue<short>(rightRow)),
            PhysicalKind.Int32 => left.GetValue<int>(leftRow).CompareTo(right.GetValue<int>(rightRow)),
            PhysicalKind.Int64 => left.GetValue<long>(leftRow).CompareTo(right.GetValue<long>(rightRow)),
            PhysicalKind.Double => left.GetValue<double>(leftRow).CompareTo(right.GetValue<double>(rightRow)),
            _ => left.GetString(leftRow).SequenceCompareTo(right.GetString(rightRow)),
        };
    }
}
