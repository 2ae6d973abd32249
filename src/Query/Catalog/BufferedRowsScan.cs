using Olap.Columnar.Format;
using Olap.Columnar.Kernels;
using Olap.Columnar.Predicates;
using Olap.Columnar.Storage;
using Olap.Columnar.Vectors;

namespace Olap.Query.Catalog;

/// <summary>
/// A scan of one chunk of a table's write buffer: the filters are evaluated on the flat vectors and the projected
/// columns referenced in place (buffered chunks never change). Key sets of semi-join filters are not looked at: their
/// predicate, the keys' range, is, and the join itself drops the rest.
/// </summary>
internal sealed class BufferedRowsScan(BufferedChunk chunk, IReadOnlyList<int> columns, IReadOnlyList<ScanFilter> filters) : ITableScan
{
    private bool _done;

    public int RowGroupsScanned => 0;

    public int RowGroupsSkipped => 0;

    public bool Next(DataChunk target)
    {
        if (_done)
        {
            return false;
        }

        _done = true;
        var rows = chunk.RowCount;
        Span<ulong> kept = stackalloc ulong[BitSpan.WordCount(VectorSize.Standard)];
        kept = kept[..BitSpan.WordCount(rows)];
        var filtered = filters.Count > 0;
        if (filtered)
        {
            kept.Fill(ulong.MaxValue);
            Span<ulong> matches = stackalloc ulong[kept.Length];
            foreach (var filter in filters)
            {
                var vector = chunk.Columns[filter.Column];
                matches.Clear();
                if (vector.Form == VectorForm.Dictionary)
                {
                    // Once per entry, then per row by its code.
                    var dictionary = vector.Dictionary;
                    var entries = new ulong[BitSpan.WordCount(dictionary.Count)];
                    PredicateEvaluator.Evaluate(filter.Predicate, dictionary, 0, dictionary.Count, entries);
                    var codes = vector.Codes;
                    for (var row = 0; row < rows; row++)
                    {
                        var code = codes[row];
                        matches[row >> 6] |= ((entries[code >> 6] >> (code & 63)) & 1UL) << (row & 63);
                    }
                }
                else
                {
                    PredicateEvaluator.Evaluate(filter.Predicate, vector, 0, rows, matches);
                }

                vector.Validity.AndInto(matches, rows);
                for (var w = 0; w < kept.Length; w++)
                {
                    kept[w] &= matches[w];
                }
            }

            if (BitSpan.PopCount(kept, rows) == 0)
            {
                return false;
            }
        }

        for (var i = 0; i < columns.Count; i++)
        {
            target.Columns[i].ReferenceView(chunk.Columns[columns[i]], rows);
        }

        target.SetCount(rows);
        if (filtered && BitSpan.PopCount(kept, rows) < rows)
        {
            target.Select(kept);
        }

        return true;
    }

    public void Dispose()
    {
    }
}
