using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Aggregation;

/// <summary>
/// Turns one key column's values into 64-bit integers that are equal exactly when the values are: integers as
/// themselves, doubles by their normalized bits, strings (and 128-bit values) by interned ids. A dictionary
/// vector's entries are interned once per dictionary, not once per row.
/// </summary>
internal sealed class KeyEncoder(ColumnType type, StringInterner? interner = null)
{
    private readonly StringInterner? _interner = type.Physical is PhysicalKind.String or PhysicalKind.Int128 ? interner ?? new StringInterner() : null;
    private int[] _dictionaryIds = [];
    private ColumnVector? _frozenDictionary;
    private int[] _frozenIds = [];
    private bool _frozenForAdd;
    private int[] _dictionaryStamps = [];
    private int _generation;
    private long[]? _longs;
    private int[]? _ints;
    private short[]? _shorts;
    private byte[]? _bytes;
    private double[]? _doubles;

    public ColumnType Type { get; } = type;

    /// <summary>The ids strings were given; a join's probe side looks its strings up in the build side's interner.</summary>
    public StringInterner? Interner => _interner;

    /// <summary>
    /// Writes the code of each row of <paramref name="rows"/> to <paramref name="codes"/> and sets <paramref name="nulls"/>
    /// for NULLs. With <paramref name="add"/> false, strings never seen encode as -1, which matches no added key.
    /// </summary>
    public void Encode(ColumnVector vector, ReadOnlySpan<int> rows, Span<long> codes, Span<bool> nulls, bool add)
    {
        switch (Type.Physical)
        {
            case PhysicalKind.Int8:
            {
                var values = VectorValues.Read(vector, ref _bytes);
                for (var i = 0; i < rows.Length; i++)
                {
                    codes[i] = values[rows[i]];
                }

                break;
            }

            case PhysicalKind.Int16:
            {
                var values = VectorValues.Read(vector, ref _shorts);
                for (var i = 0; i < rows.Length; i++)
                {
                    codes[i] = values[rows[i]];
                }

                break;
            }

            case PhysicalKind.Int32:
            {
                var values = VectorValues.Read(vector, ref _ints);
                for (var i = 0; i < rows.Length; i++)
                {
                    codes[i] = values[rows[i]];
                }

                break;
            }

            case PhysicalKind.Int64:
            {
                var values = VectorValues.Read(vector, ref _longs);
                for (var i = 0; i < rows.Length; i++)
                {
                    codes[i] = values[rows[i]];
                }

                break;
            }

            case PhysicalKind.Double:
            {
                var values = VectorValues.Read(vector, ref _doubles);
                for (var i = 0; i < rows.Length; i++)
                {
                    var value = values[rows[i]];

                    // -0.0 groups with 0.0 and every NaN with every other NaN, as in DuckDB.
                    codes[i] = value == 0 ? 0 : double.IsNaN(value) ? long.MaxValue : BitConverter.DoubleToInt64Bits(value);
                }

                break;
            }

            case PhysicalKind.Int128:
                for (var i = 0; i < rows.Length; i++)
                {
                    var value = vector.GetValue<Int128>(rows[i]);
                    var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<Int128>(in value));
                    codes[i] = add ? _interner!.Intern(bytes) : _interner!.Lookup(bytes);
                }

                break;
            default:
                EncodeStrings(vector, rows, codes, add);
                break;
        }

        if (vector.Validity.AllValid)
        {
            nulls[..rows.Length].Clear();
        }
        else
        {
            for (var i = 0; i < rows.Length; i++)
            {
                nulls[i] = vector.IsNull(rows[i]);
            }
        }
    }

    private void EncodeStrings(ColumnVector vector, ReadOnlySpan<int> rows, Span<long> codes, bool add)
    {
        if (vector.Form == VectorForm.Dictionary && vector.Dictionary.IsFrozen)
        {
            // A frozen dictionary (a join's build column) keeps its ids across chunks: each entry is interned once.
            var frozen = vector.Dictionary;
            if (!ReferenceEquals(frozen, _frozenDictionary) || _frozenForAdd != add)
            {
                _frozenDictionary = frozen;
                _frozenForAdd = add;
                _frozenIds = new int[frozen.Count];
                Array.Fill(_frozenIds, int.MinValue);
            }

            var frozenCodes = vector.Codes;
            for (var i = 0; i < rows.Length; i++)
            {
                var code = frozenCodes[rows[i]];
                var id = _frozenIds[code];
                if (id == int.MinValue)
                {
                    var entry = frozen.GetString(code);
                    id = add ? _interner!.Intern(entry) : _interner!.Lookup(entry);
                    _frozenIds[code] = id;
                }

                codes[i] = id;
            }

            return;
        }

        if (vector.Form == VectorForm.Dictionary)
        {
            // Each entry is interned once per chunk, however many rows use it. Ids are not kept across chunks: a
            // dictionary vector may be reused with new entries.
            var dictionary = vector.Dictionary;
            if (_dictionaryIds.Length < dictionary.Count)
            {
                _dictionaryIds = new int[dictionary.Count];
                _dictionaryStamps = new int[dictionary.Count];
                _generation = 0;
            }

            var generation = ++_generation;
            var entryCodes = vector.Codes;
            for (var i = 0; i < rows.Length; i++)
            {
                var code = entryCodes[rows[i]];
                if (_dictionaryStamps[code] != generation)
                {
                    var entry = dictionary.GetString(code);
                    _dictionaryIds[code] = add ? _interner!.Intern(entry) : _interner!.Lookup(entry);
                    _dictionaryStamps[code] = generation;
                }

                codes[i] = _dictionaryIds[code];
            }

            return;
        }

        for (var i = 0; i < rows.Length; i++)
        {
            var value = vector.GetString(rows[i]);
            codes[i] = add ? _interner!.Intern(value) : _interner!.Lookup(value);
        }
    }
}
