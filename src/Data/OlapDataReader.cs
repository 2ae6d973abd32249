using System.Collections;
using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query;

namespace Olap.Data;

/// <summary>
/// Reads the rows of a command's statements as the engine streams them (a query without ORDER BY gives its rows in
/// the order the workers produce them), one result set per statement that returns rows (<see cref="NextResult"/>
/// moves on; statements without rows add to <see cref="RecordsAffected"/>). The typed getters read the column
/// vectors directly and do not box; <see cref="GetValue"/> gives the CLR type <see cref="GetFieldType"/> names:
/// BOOLEAN bool, SMALLINT short, INTEGER int, BIGINT long, HUGEINT Int128, DOUBLE double, DECIMAL decimal,
/// VARCHAR string, DATE DateOnly, TIMESTAMP DateTime.
/// </summary>
public sealed class OlapDataReader : DbDataReader
{
    private static readonly int s_epochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    private readonly OlapCommand _command;
    private readonly IEnumerator<IResultSet> _sets;
    private readonly CommandBehavior _behavior;
    private IResultSet? _current;
    private IReadOnlyList<ResultColumn> _columns = [];
    private int _row = -1;
    private bool _hasRows;
    private bool _peeked;
    private long _recordsAffected = -1;
    private bool _closed;
    private ColumnMemory[] _memory = [];
    private int _chunkRows;

    internal OlapDataReader(OlapCommand command, IEnumerable<IResultSet> sets, CommandBehavior behavior)
    {
        _command = command;
        _behavior = behavior;
        _sets = sets.GetEnumerator();
        MoveToNextRowSet();
    }

    public override int Depth => 0;

    public override int FieldCount => _columns.Count;

    public override bool HasRows => _hasRows;

    public override bool IsClosed => _closed;

    public override int RecordsAffected => (int)Math.Min(int.MaxValue, _recordsAffected);

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override bool NextResult()
    {
        ThrowIfClosed();
        return MoveToNextRowSet();
    }

    public override bool Read()
    {
        ThrowIfClosed();
        if (_current is null)
        {
            return false;
        }

        if (_peeked)
        {
            // HasRows looked at the first chunk already.
            _peeked = false;
            _row = 0;
            CacheChunk();
            return true;
        }

        if (++_row < _chunkRows)
        {
            return true;
        }

        while (NextChunkOrFail())
        {
            if (_current.ChunkRows > 0)
            {
                _row = 0;
                CacheChunk();
                return true;
            }
        }

        _chunkRows = 0;

        _row = _current.ChunkRows;
        return false;
    }

    public override string GetName(int ordinal) => Column(ordinal).Name;

    public override int GetOrdinal(string name)
    {
        for (var i = 0; i < _columns.Count; i++)
        {
            if (string.Equals(_columns[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        for (var i = 0; i < _columns.Count; i++)
        {
            if (string.Equals(_columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new IndexOutOfRangeException($"The result has no column '{name}' (columns: {string.Join(", ", _columns.Select(c => c.Name))}).");
    }

    public override string GetDataTypeName(int ordinal) => Column(ordinal).Type.ToString();

    public override Type GetFieldType(int ordinal) => ClrType(Column(ordinal).Type);

    /// <summary>The column's SQL type.</summary>
    public Olap.Columnar.Types.ColumnType ColumnType(int ordinal) => Column(ordinal).Type;

    public override bool IsDBNull(int ordinal) =>
        (uint)ordinal < (uint)_memory.Length && _memory[ordinal] is { } fast && fast.Data is not null && (uint)_row < (uint)_chunkRows
            ? !fast.IsValid(_row)
            : Vector(ordinal).IsNull(_row);

    public override object GetValue(int ordinal)
    {
        var vector = Vector(ordinal);
        if (vector.IsNull(_row))
        {
            return DBNull.Value;
        }

        return vector.Type.Id switch
        {
            LogicalTypeId.Boolean => vector.GetValue<byte>(_row) != 0,
            LogicalTypeId.SmallInt => vector.GetValue<short>(_row),
            LogicalTypeId.Integer => vector.GetValue<int>(_row),
            LogicalTypeId.BigInt => vector.GetValue<long>(_row),
            LogicalTypeId.HugeInt => vector.GetValue<Int128>(_row),
            LogicalTypeId.Double => vector.GetValue<double>(_row),
            LogicalTypeId.Decimal => DecimalAt(vector),
            LogicalTypeId.Varchar => StringAt(vector),
            LogicalTypeId.Date => DateAt(vector),
            LogicalTypeId.Timestamp => TimestampAt(vector),
            _ => throw new InvalidOperationException($"Unknown type {vector.Type}."),
        };
    }

    public override int GetValues(object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++)
        {
            values[i] = GetValue(i);
        }

        return count;
    }

    public override bool GetBoolean(int ordinal) => NotNull(ordinal, LogicalTypeId.Boolean, "Boolean").GetValue<byte>(_row) != 0;

    public override byte GetByte(int ordinal) => checked((byte)GetInt64(ordinal));

    public override short GetInt16(int ordinal)
    {
        var vector = NotNull(ordinal);
        return vector.Type.Id == LogicalTypeId.SmallInt ? vector.GetValue<short>(_row) : checked((short)IntegerAt(vector, ordinal, "Int16"));
    }

    public override int GetInt32(int ordinal)
    {
        if ((uint)ordinal < (uint)_memory.Length && _memory[ordinal] is { Id: LogicalTypeId.Integer } fast && fast.TryRead(_row, _chunkRows, out int value))
        {
            return value;
        }

        var vector = NotNull(ordinal);
        return vector.Type.Id == LogicalTypeId.Integer ? vector.GetValue<int>(_row) : checked((int)IntegerAt(vector, ordinal, "Int32"));
    }

    public override long GetInt64(int ordinal)
    {
        if ((uint)ordinal < (uint)_memory.Length && _memory[ordinal] is { Id: LogicalTypeId.BigInt } fast && fast.TryRead(_row, _chunkRows, out long value))
        {
            return value;
        }

        return IntegerAt(NotNull(ordinal), ordinal, "Int64");
    }

    public override float GetFloat(int ordinal) => (float)GetDouble(ordinal);

    public override double GetDouble(int ordinal)
    {
        if ((uint)ordinal < (uint)_memory.Length && _memory[ordinal] is { Id: LogicalTypeId.Double } fast && fast.TryRead(_row, _chunkRows, out double value))
        {
            return value;
        }

        var vector = NotNull(ordinal);
        return vector.Type.Id switch
        {
            LogicalTypeId.Double => vector.GetValue<double>(_row),
            LogicalTypeId.Decimal => (double)DecimalAt(vector),
            LogicalTypeId.SmallInt or LogicalTypeId.Integer or LogicalTypeId.BigInt => IntegerAt(vector, ordinal, "Double"),
            LogicalTypeId.HugeInt => (double)vector.GetValue<Int128>(_row),
            _ => throw Mismatch(ordinal, "Double"),
        };
    }

    public override decimal GetDecimal(int ordinal)
    {
        var vector = NotNull(ordinal);
        return vector.Type.Id switch
        {
            LogicalTypeId.Decimal => DecimalAt(vector),
            LogicalTypeId.SmallInt or LogicalTypeId.Integer or LogicalTypeId.BigInt => IntegerAt(vector, ordinal, "Decimal"),
            LogicalTypeId.HugeInt => (decimal)vector.GetValue<Int128>(_row),
            LogicalTypeId.Double => (decimal)vector.GetValue<double>(_row),
            _ => throw Mismatch(ordinal, "Decimal"),
        };
    }

    public override string GetString(int ordinal) => StringAt(NotNull(ordinal, LogicalTypeId.Varchar, "String"));

    public override char GetChar(int ordinal)
    {
        var text = GetString(ordinal);
        return text.Length == 1 ? text[0] : throw new InvalidCastException($"Column '{GetName(ordinal)}' holds '{text}', not one character.");
    }

    public override DateTime GetDateTime(int ordinal)
    {
        var vector = NotNull(ordinal);
        return vector.Type.Id switch
        {
            LogicalTypeId.Timestamp => TimestampAt(vector),
            LogicalTypeId.Date => DateAt(vector).ToDateTime(TimeOnly.MinValue),
            _ => throw Mismatch(ordinal, "DateTime"),
        };
    }

    public DateOnly GetDateOnly(int ordinal)
    {
        var vector = NotNull(ordinal);
        return vector.Type.Id switch
        {
            LogicalTypeId.Date => DateAt(vector),
            LogicalTypeId.Timestamp => DateOnly.FromDateTime(TimestampAt(vector)),
            _ => throw Mismatch(ordinal, "DateOnly"),
        };
    }

    public Int128 GetInt128(int ordinal)
    {
        var vector = NotNull(ordinal);
        return vector.Type.Id == LogicalTypeId.HugeInt ? vector.GetValue<Int128>(_row) : IntegerAt(vector, ordinal, "Int128");
    }

    public override Guid GetGuid(int ordinal) => Guid.Parse(GetString(ordinal));

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) =>
        throw new NotSupportedException("Olap has no binary column type; read VARCHAR columns with GetString.");

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var text = GetString(ordinal);
        if (buffer is null)
        {
            return text.Length;
        }

        var count = (int)Math.Max(0, Math.Min(length, text.Length - dataOffset));
        text.CopyTo((int)dataOffset, buffer, bufferOffset, count);
        return count;
    }

    /// <summary>
    /// The value as <typeparamref name="T"/>, without boxing for the types the typed getters read; a nullable
    /// <typeparamref name="T"/> (or string) gives null for NULL.
    /// </summary>
    public override T GetFieldValue<T>(int ordinal)
    {
        if (typeof(T) == typeof(int))
        {
            return As<int, T>(GetInt32(ordinal));
        }

        if (typeof(T) == typeof(int?))
        {
            return As<int?, T>(IsDBNull(ordinal) ? null : GetInt32(ordinal));
        }

        if (typeof(T) == typeof(long))
        {
            return As<long, T>(GetInt64(ordinal));
        }

        if (typeof(T) == typeof(long?))
        {
            return As<long?, T>(IsDBNull(ordinal) ? null : GetInt64(ordinal));
        }

        if (typeof(T) == typeof(short))
        {
            return As<short, T>(GetInt16(ordinal));
        }

        if (typeof(T) == typeof(short?))
        {
            return As<short?, T>(IsDBNull(ordinal) ? null : GetInt16(ordinal));
        }

        if (typeof(T) == typeof(double))
        {
            return As<double, T>(GetDouble(ordinal));
        }

        if (typeof(T) == typeof(double?))
        {
            return As<double?, T>(IsDBNull(ordinal) ? null : GetDouble(ordinal));
        }

        if (typeof(T) == typeof(decimal))
        {
            return As<decimal, T>(GetDecimal(ordinal));
        }

        if (typeof(T) == typeof(decimal?))
        {
            return As<decimal?, T>(IsDBNull(ordinal) ? null : GetDecimal(ordinal));
        }

        if (typeof(T) == typeof(bool))
        {
            return As<bool, T>(GetBoolean(ordinal));
        }

        if (typeof(T) == typeof(bool?))
        {
            return As<bool?, T>(IsDBNull(ordinal) ? null : GetBoolean(ordinal));
        }

        if (typeof(T) == typeof(DateOnly))
        {
            return As<DateOnly, T>(GetDateOnly(ordinal));
        }

        if (typeof(T) == typeof(DateOnly?))
        {
            return As<DateOnly?, T>(IsDBNull(ordinal) ? null : GetDateOnly(ordinal));
        }

        if (typeof(T) == typeof(DateTime))
        {
            return As<DateTime, T>(GetDateTime(ordinal));
        }

        if (typeof(T) == typeof(DateTime?))
        {
            return As<DateTime?, T>(IsDBNull(ordinal) ? null : GetDateTime(ordinal));
        }

        if (typeof(T) == typeof(Int128))
        {
            return As<Int128, T>(GetInt128(ordinal));
        }

        if (typeof(T) == typeof(Int128?))
        {
            return As<Int128?, T>(IsDBNull(ordinal) ? null : GetInt128(ordinal));
        }

        if (typeof(T) == typeof(float))
        {
            return As<float, T>(GetFloat(ordinal));
        }

        if (typeof(T) == typeof(float?))
        {
            return As<float?, T>(IsDBNull(ordinal) ? null : GetFloat(ordinal));
        }

        if (typeof(T) == typeof(string))
        {
            return IsDBNull(ordinal) ? default! : (T)(object)GetString(ordinal);
        }

        var value = GetValue(ordinal);
        if (value is DBNull && default(T) is null)
        {
            return default!;
        }

        return value is T typed ? typed : throw Mismatch(ordinal, typeof(T).Name);
    }

    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);

    /// <summary>
    /// The standard schema table: one row per column with ColumnName, ColumnOrdinal, DataType, DataTypeName,
    /// NumericPrecision, NumericScale, AllowDBNull and the usual flags.
    /// </summary>
    public override DataTable GetSchemaTable()
    {
        var table = new DataTable("SchemaTable") { Locale = System.Globalization.CultureInfo.InvariantCulture };
        table.Columns.Add(SchemaTableColumn.ColumnName, typeof(string));
        table.Columns.Add(SchemaTableColumn.ColumnOrdinal, typeof(int));
        table.Columns.Add(SchemaTableColumn.ColumnSize, typeof(int));
        table.Columns.Add(SchemaTableColumn.NumericPrecision, typeof(short));
        table.Columns.Add(SchemaTableColumn.NumericScale, typeof(short));
        table.Columns.Add(SchemaTableColumn.DataType, typeof(Type));
        table.Columns.Add(SchemaTableColumn.ProviderType, typeof(int));
        table.Columns.Add("DataTypeName", typeof(string));
        table.Columns.Add(SchemaTableColumn.IsLong, typeof(bool));
        table.Columns.Add(SchemaTableColumn.AllowDBNull, typeof(bool));
        table.Columns.Add(SchemaTableOptionalColumn.IsReadOnly, typeof(bool));
        table.Columns.Add(SchemaTableColumn.IsUnique, typeof(bool));
        table.Columns.Add(SchemaTableColumn.IsKey, typeof(bool));
        table.Columns.Add(SchemaTableColumn.IsAliased, typeof(bool));
        table.Columns.Add(SchemaTableColumn.IsExpression, typeof(bool));
        table.Columns.Add(SchemaTableColumn.BaseColumnName, typeof(string));
        for (var i = 0; i < _columns.Count; i++)
        {
            var column = _columns[i];
            var type = column.Type;
            var row = table.NewRow();
            row[SchemaTableColumn.ColumnName] = column.Name;
            row[SchemaTableColumn.ColumnOrdinal] = i;
            row[SchemaTableColumn.ColumnSize] = type.Id == LogicalTypeId.Varchar ? -1 : type.FixedWidth;
            row[SchemaTableColumn.NumericPrecision] = type.Id == LogicalTypeId.Decimal ? (short)type.Precision : DBNull.Value;
            row[SchemaTableColumn.NumericScale] = type.Id == LogicalTypeId.Decimal ? (short)type.Scale : DBNull.Value;
            row[SchemaTableColumn.DataType] = ClrType(type);
            row[SchemaTableColumn.ProviderType] = (int)type.Id;
            row["DataTypeName"] = type.ToString();
            row[SchemaTableColumn.IsLong] = false;
            row[SchemaTableColumn.AllowDBNull] = true;
            row[SchemaTableOptionalColumn.IsReadOnly] = true;
            row[SchemaTableColumn.IsUnique] = false;
            row[SchemaTableColumn.IsKey] = false;
            row[SchemaTableColumn.IsAliased] = false;
            row[SchemaTableColumn.IsExpression] = false;
            row[SchemaTableColumn.BaseColumnName] = column.Name;
            table.Rows.Add(row);
        }

        return table;
    }

    public override void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        try
        {
            _current?.Dispose();
            while (MoveNextSet())
            {
                // Statements after the last one read still run, as in other providers: a script's changes all happen.
                AddAffected(_sets.Current.RowsAffected);
                _sets.Current.Dispose();
            }
        }
        finally
        {
            _sets.Dispose();
            _command.ReaderClosed();
            if ((_behavior & CommandBehavior.CloseConnection) != 0)
            {
                _command.Connection?.Close();
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }

        base.Dispose(disposing);
    }

    internal static Type ClrType(ColumnType type) => type.Id switch
    {
        LogicalTypeId.Boolean => typeof(bool),
        LogicalTypeId.SmallInt => typeof(short),
        LogicalTypeId.Integer => typeof(int),
        LogicalTypeId.BigInt => typeof(long),
        LogicalTypeId.HugeInt => typeof(Int128),
        LogicalTypeId.Double => typeof(double),
        LogicalTypeId.Decimal => typeof(decimal),
        LogicalTypeId.Varchar => typeof(string),
        LogicalTypeId.Date => typeof(DateOnly),
        LogicalTypeId.Timestamp => typeof(DateTime),
        _ => typeof(object),
    };

    private bool MoveToNextRowSet()
    {
        _current?.Dispose();
        _current = null;
        _columns = [];
        _memory = [];
        _chunkRows = 0;
        _row = -1;
        _hasRows = false;
        _peeked = false;
        while (MoveNextSet())
        {
            var set = _sets.Current;
            if (set.Columns.Count == 0)
            {
                AddAffected(set.RowsAffected);
                set.Dispose();
                continue;
            }

            _current = set;
            _columns = set.Columns;
            while (NextChunkOrFail())
            {
                if (set.ChunkRows > 0)
                {
                    _hasRows = true;
                    _peeked = true;
                    break;
                }
            }

            return true;
        }

        return false;
    }

    /// <summary>
    /// Moves to the next whole chunk of the current result set, for Arrow export: the chunk's vectors, flat, and its
    /// row count. Row-by-row reading and chunk reading are not mixed.
    /// </summary>
    internal bool ReadChunk(out IReadOnlyList<Olap.Columnar.Vectors.ColumnVector> columns, out int rows)
    {
        ThrowIfClosed();
        columns = [];
        rows = 0;
        if (_current is null)
        {
            return false;
        }

        if (!_peeked)
        {
            do
            {
                if (!NextChunkOrFail())
                {
                    return false;
                }
            }
            while (_current.ChunkRows == 0);
        }

        _peeked = false;
        rows = _current.ChunkRows;
        _row = rows;
        _chunkRows = 0;
        columns = [.. Enumerable.Range(0, _columns.Count).Select(_current.Column)];
        return true;
    }

    private bool NextChunkOrFail()
    {
        try
        {
            return _current!.NextChunk();
        }
        catch (Exception error) when (OlapException.From(error) is { } olap)
        {
            throw olap;
        }
    }

    /// <summary>
    /// Remembers the arrays behind the current chunk's flat vectors, so the typed getters read a value with one bounds
    /// check instead of going through the vector's memory each time.
    /// </summary>
    private void CacheChunk()
    {
        _chunkRows = _current!.ChunkRows;
        if (_memory.Length != _columns.Count)
        {
            _memory = new ColumnMemory[_columns.Count];
        }

        for (var c = 0; c < _memory.Length; c++)
        {
            _memory[c] = ColumnMemory.Of(_current.Column(c));
        }
    }

    /// <summary>A flat vector's value and validity arrays (Data null when the vector is not array-backed or not flat).</summary>
    private readonly record struct ColumnMemory(LogicalTypeId Id, byte[]? Data, int Offset, byte[]? Validity, int ValidityOffset)
    {
        public static ColumnMemory Of(ColumnVector vector)
        {
            if (vector.Form != Olap.Columnar.Vectors.VectorForm.Flat || !System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(vector.RawMemory, out var data))
            {
                return new ColumnMemory(vector.Type.Id, null, 0, null, 0);
            }

            if (vector.Validity.AllValid)
            {
                return new ColumnMemory(vector.Type.Id, data.Array, data.Offset, null, 0);
            }

            return System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(vector.Validity.BitsMemory, out var bits)
                ? new ColumnMemory(vector.Type.Id, data.Array, data.Offset, bits.Array, bits.Offset)
                : new ColumnMemory(vector.Type.Id, null, 0, null, 0);
        }

        public bool IsValid(int row) => Validity is null || (Validity[ValidityOffset + (row >> 3)] & (1 << (row & 7))) != 0;

        /// <summary>The value at <paramref name="row"/> when the row is current and not NULL; false sends the caller down the checked path.</summary>
        public bool TryRead<T>(int row, int rows, out T value)
            where T : unmanaged
        {
            if (Data is null || (uint)row >= (uint)rows || !IsValid(row))
            {
                value = default;
                return false;
            }

            value = Unsafe.ReadUnaligned<T>(ref Data[Offset + (row * Unsafe.SizeOf<T>())]);
            return true;
        }
    }

    /// <summary>Runs the next statement; its SQL errors surface as <see cref="OlapException"/>.</summary>
    private bool MoveNextSet()
    {
        try
        {
            return _sets.MoveNext();
        }
        catch (Exception error) when (OlapException.From(error) is { } olap)
        {
            throw olap;
        }
    }

    private void AddAffected(long rows)
    {
        if (rows >= 0)
        {
            _recordsAffected = Math.Max(0, _recordsAffected) + rows;
        }
    }

    private ResultColumn Column(int ordinal)
    {
        ThrowIfClosed();
        if ((uint)ordinal >= (uint)_columns.Count)
        {
            throw new IndexOutOfRangeException($"Column {ordinal} is out of range: the result has {_columns.Count} columns.");
        }

        return _columns[ordinal];
    }

    private ColumnVector Vector(int ordinal)
    {
        Column(ordinal);
        if (_current is null || _row < 0 || _peeked || _row >= _current.ChunkRows)
        {
            throw new InvalidOperationException("No current row: call Read() first, and only while it returns true.");
        }

        return _current.Column(ordinal);
    }

    private ColumnVector NotNull(int ordinal)
    {
        var vector = Vector(ordinal);
        return vector.IsNull(_row)
            ? throw new InvalidCastException($"Column '{_columns[ordinal].Name}' is NULL in this row; check IsDBNull first or read a nullable type.")
            : vector;
    }

    private ColumnVector NotNull(int ordinal, LogicalTypeId expected, string wanted)
    {
        var vector = NotNull(ordinal);
        return vector.Type.Id == expected ? vector : throw Mismatch(ordinal, wanted);
    }

    private long IntegerAt(ColumnVector vector, int ordinal, string wanted) => vector.Type.Id switch
    {
        LogicalTypeId.SmallInt => vector.GetValue<short>(_row),
        LogicalTypeId.Integer => vector.GetValue<int>(_row),
        LogicalTypeId.BigInt => vector.GetValue<long>(_row),
        LogicalTypeId.HugeInt => checked((long)vector.GetValue<Int128>(_row)),
        LogicalTypeId.Boolean => vector.GetValue<byte>(_row),
        _ => throw Mismatch(ordinal, wanted),
    };

    private InvalidCastException Mismatch(int ordinal, string wanted) =>
        new($"Column '{_columns[ordinal].Name}' is {_columns[ordinal].Type}, which cannot be read as {wanted}.");

    private decimal DecimalAt(ColumnVector vector)
    {
        var scale = (byte)vector.Type.Scale;
        Int128 unscaled = vector.Type.Physical == PhysicalKind.Int128 ? vector.GetValue<Int128>(_row) : vector.GetValue<long>(_row);
        var negative = Int128.IsNegative(unscaled);
        var magnitude = (UInt128)(negative ? -unscaled : unscaled);
        if (magnitude >> 96 != 0)
        {
            throw new OverflowException($"{vector.Type} value does not fit System.Decimal (28 digits).");
        }

        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, scale);
    }

    private string StringAt(ColumnVector vector) => System.Text.Encoding.UTF8.GetString(vector.GetString(_row));

    private DateOnly DateAt(ColumnVector vector) => DateOnly.FromDayNumber(s_epochDay + vector.GetValue<int>(_row));

    private DateTime TimestampAt(ColumnVector vector) => DateTime.UnixEpoch.AddTicks(vector.GetValue<long>(_row) * TimeSpan.TicksPerMicrosecond);

    private void ThrowIfClosed() => ObjectDisposedException.ThrowIf(_closed, this);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TTo As<TFrom, TTo>(TFrom value) => Unsafe.As<TFrom, TTo>(ref value);
}
