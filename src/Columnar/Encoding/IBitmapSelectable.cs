using Olap.Columnar.Bitmaps;
using Olap.Columnar.Predicates;

namespace Olap.Columnar.Encoding;

/// <summary>
/// An encoded column that can answer a predicate as a compressed bitmap of the whole chunk's rows, so predicates on
/// several such columns combine by bitmap intersection before any row is looked at.
/// </summary>
public interface IBitmapSelectable
{
    RoaringBitmap Select(ColumnPredicate predicate);
}
