using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution;

/// <summary>Rows held column by column in builders, streamed back as chunks that reference the builders' buffers.</summary>
public sealed class MaterializedRows
{
    /// <param name="types">The columns' types.</param>
    /// <param name="capacity">Rows room is made for at first; the builders grow past it. Small for results that are
    /// usually small: a vector's worth of a wide type is tens of kilobytes to zero, per query.</param>
    public MaterializedRows(IReadOnlyList<ColumnType> types, int capacity = VectorSize.Standard)
    {
        Types = types;
        Columns = new ColumnBuilder[types.Count];
        for (var i = 0; i < Columns.Length; i++)
        {
            Columns[i] = new ColumnBuilder(types[i], capacity);
        }
    }

    /// <summary>The first capacity of rows collected from a stream of unknown length.</summary>
    public const int SmallCapacity = 64;

    public IReadOnlyList<ColumnType> Types { get; }

    public ColumnBuilder[] Columns { get; }

    /// <summary>Rows held; a table with no columns counts rows separately.</summary>
    public int RowCount => Columns.Length == 0 ? _columnlessRows : Columns[0].Count;

    private int _columnlessRows;

    public void Append(DataChunk chunk)
    {
        if (Columns.Length == 0)
        {
            _columnlessRows += chunk.LiveCount;
            return;
        }

        VectorGather.AppendLive(chunk, Columns);
    }

    /// <summary>Counts rows of a table without columns (SELECT without FROM, COUNT(*) inputs).</summary>
    public void AddColumnlessRows(int count) => _columnlessRows += count;

    /// <summary>Appends every row of <paramref name="other"/>.</summary>
    public void Append(MaterializedRows other)
    {
        _columnlessRows += other._columnlessRows;
        for (var c = 0; c < Columns.Length; c++)
        {
            var vector = other.Columns[c].ToVector();
            Columns[c].AppendRange(vector, 0, vector.Count);
        }
    }

    /// <summary>Flat vectors over all rows, valid until the next append.</summary>
    public ColumnVector[] ToVectors()
    {
        var vectors = new ColumnVector[Columns.Length];
        for (var c = 0; c < vectors.Length; c++)
        {
            vectors[c] = Columns[c].ToVector();
        }

        return vectors;
    }

    public IChunkStream Stream() => new RowsStream(this);

    private sealed class RowsStream(MaterializedRows rows) : IChunkStream
    {
        private readonly DataChunk _chunk = new(rows.Types);
        private readonly ColumnVector[] _all = rows.ToVectors();
        private int _position;

        public DataChunk? Next()
        {
            var count = Math.Min(VectorSize.Standard, rows.RowCount - _position);
            if (count <= 0)
            {
                return null;
            }

            for (var c = 0; c < _all.Length; c++)
            {
                _chunk.Columns[c].ReferenceSlice(_all[c], _position, count);
            }

            _position += count;
            _chunk.SetCount(count);
            return _chunk;
        }
    }
}
