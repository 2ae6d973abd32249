using Olap.Columnar.Vectors;

namespace Olap.Query.Execution;

/// <summary>Reads a vector of any form as a flat span of its elements, using a scratch buffer only when it must.</summary>
public static class VectorValues
{
    /// <summary>
    /// The vector's <see cref="ColumnVector.Count"/> values: in place for a flat vector, spread into
    /// <paramref name="scratch"/> for constant and dictionary forms.
    /// </summary>
    public static ReadOnlySpan<T> Read<T>(ColumnVector vector, ref T[]? scratch)
        where T : unmanaged
    {
        var count = vector.Count;
        switch (vector.Form)
        {
            case VectorForm.Flat:
                return vector.Values<T>()[..count];
            case VectorForm.Constant:
            {
                var buffer = Rent(ref scratch, count);
                buffer.Fill(vector.GetValue<T>(0));
                return buffer;
            }

            default:
            {
                var buffer = Rent(ref scratch, count);
                var dictionary = vector.Dictionary.Values<T>();
                var codes = vector.Codes;
                for (var i = 0; i < count; i++)
                {
                    buffer[i] = dictionary[codes[i]];
                }

                return buffer;
            }
        }
    }

    private static Span<T> Rent<T>(ref T[]? scratch, int count)
    {
        if (scratch is null || scratch.Length < count)
        {
            scratch = new T[Math.Max(count, VectorSize.Standard)];
        }

        return scratch.AsSpan(0, count);
    }

    /// <summary>The live rows of a chunk: its selection, or 0..Count-1 from <paramref name="identity"/>.</summary>
    public static ReadOnlySpan<int> LiveRows(DataChunk chunk, int[] identity)
        => chunk.Selection is { } selection ? selection.Indices : identity.AsSpan(0, chunk.Count);

    /// <summary>0, 1, ... <see cref="VectorSize.Standard"/> - 1, shared: read-only by contract (<see cref="LiveRows(DataChunk)"/>).</summary>
    private static readonly int[] s_identity = Identity();

    /// <summary>The rows of <paramref name="chunk"/> that are live: its selection, or all of them in order.</summary>
    public static ReadOnlySpan<int> LiveRows(DataChunk chunk) => LiveRows(chunk, s_identity);

    /// <summary>0, 1, 2, ... for <see cref="LiveRows(DataChunk, int[])"/>.</summary>
    public static int[] Identity(int count = VectorSize.Standard)
    {
        var identity = new int[count];
        for (var i = 0; i < count; i++)
        {
            identity[i] = i;
        }

        return identity;
    }
}
