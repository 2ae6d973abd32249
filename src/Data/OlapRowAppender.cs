using System.Globalization;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query;

namespace Olap.Data;

/// <summary>
/// Bulk-loads rows from .NET values: <c>appender.Append(1).Append("a").EndRow()</c> (or <see cref="AppendRow"/>) per
/// row, then <see cref="Commit"/>, which adds every row at once. Nothing is visible before the commit, and disposing
/// without committing adds nothing. Values are checked against the column's type as they are appended (an int
/// goes into SMALLINT, INTEGER, BIGINT, DOUBLE or DECIMAL columns, if it fits). One thread at a time.
/// </summary>
public sealed class OlapRowAppender : IDisposable
{
    private const int ChunkRows = 16_384;
    private static readonly int s_epochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    private readonly OlapAppender _appender;
    private readonly ColumnBuilder[] _builders;
    private readonly ColumnType[] _types;
    private readonly DataChunk _chunk;
    private int _column;
    private bool _done;

    internal OlapRowAppender(OlapAppender appender)
    {
        _appender = appender;
        _types = [.. appender.Columns.Select(c => c.Type)];
        _builders = [.. _types.Select(t => new ColumnBuilder(t, ChunkRows))];
        _chunk = appender.CreateChunk(ChunkRows);
    }

    public string TableName => _appender.TableName;

    /// <summary>Rows ended so far.</summary>
    public long RowCount => _appender.RowCount + _builders[0].Count;

    public OlapRowAppender AppendNull()
    {
        Next().AppendNull();
        return this;
    }

    public OlapRowAppender Append(bool value)
    {
        var column = _column;
        Expect(column, LogicalTypeId.Boolean, "bool");
        Next().AppendInt64(value ? 1 : 0);
        return this;
    }

    public OlapRowAppender Append(int value) => Append((long)value);

    public OlapRowAppender Append(long value)
    {
        var column = _column;
        var type = Type(column);
        var builder = Next();
        switch (type.Id)
        {
            case LogicalTypeId.BigInt:
                builder.AppendInt64(value);
                break;
            case LogicalTypeId.Integer when value is >= int.MinValue and <= int.MaxValue:
            case LogicalTypeId.SmallInt when value is >= short.MinValue and <= short.MaxValue:
                builder.AppendInt64(value);
                break;
            case LogicalTypeId.HugeInt:
                builder.AppendInt128(value);
                break;
            case LogicalTypeId.Double:
                builder.AppendDouble(value);
                break;
            case LogicalTypeId.Decimal:
                AppendDecimalOrUndo(builder, type, column, value);
                break;
            default:
                Undo(column);
                throw Mismatch(column, value.ToString(CultureInfo.InvariantCulture));
        }

        return this;
    }

    public OlapRowAppender Append(double value)
    {
        var column = _column;
        Expect(column, LogicalTypeId.Double, "double");
        Next().AppendDouble(value);
        return this;
    }

    public OlapRowAppender Append(decimal value)
    {
        var column = _column;
        var type = Type(column);
        if (type.Id == LogicalTypeId.Double)
        {
            Next().AppendDouble((double)value);
            return this;
        }

        if (type.Id != LogicalTypeId.Decimal)
        {
            throw Mismatch(column, value.ToString(CultureInfo.InvariantCulture));
        }

        AppendDecimalOrUndo(Next(), type, column, value);
        return this;
    }

    public OlapRowAppender Append(string? value)
    {
        if (value is null)
        {
            return AppendNull();
        }

        var column = _column;
        Expect(column, LogicalTypeId.Varchar, "string");
        Next().AppendString(value);
        return this;
    }

    public OlapRowAppender Append(DateOnly value)
    {
        var column = _column;
        var type = Type(column);
        if (type.Id == LogicalTypeId.Timestamp)
        {
            return Append(value.ToDateTime(TimeOnly.MinValue));
        }

        Expect(column, LogicalTypeId.Date, "DateOnly");
        Next().AppendInt64(value.DayNumber - s_epochDay);
        return this;
    }

    public OlapRowAppender Append(DateTime value)
    {
        var column = _column;
        var type = Type(column);
        if (type.Id == LogicalTypeId.Date)
        {
            return Append(DateOnly.FromDateTime(value));
        }

        Expect(column, LogicalTypeId.Timestamp, "DateTime");
        Next().AppendInt64((value.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond);
        return this;
    }

    /// <summary>Appends a value of any supported CLR type (null or DBNull for NULL).</summary>
    public OlapRowAppender AppendValue(object? value) => value switch
    {
        null or DBNull => AppendNull(),
        bool b => Append(b),
        sbyte or byte or short or ushort or int or uint or long => Append(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        float f => Append((double)f),
        double d => Append(d),
        decimal m => Append(m),
        string s => Append(s),
        DateOnly date => Append(date),
        DateTime time => Append(time),
        DateTimeOffset offset => Append(offset.UtcDateTime),
        _ => throw new InvalidCastException($"Column '{ColumnName(_column)}': a {value.GetType().Name} cannot be appended."),
    };

    /// <summary>Appends a whole row and ends it; a value that does not fit its column leaves no part of the row behind.</summary>
    public void AppendRow(params ReadOnlySpan<object?> values)
    {
        if (_column != 0)
        {
            throw new InvalidOperationException($"A row is half appended ({_column} of {_types.Length} values); end it first.");
        }

        if (values.Length != _types.Length)
        {
            throw new ArgumentException($"{TableName} has {_types.Length} columns; the row has {values.Length} values.", nameof(values));
        }

        try
        {
            foreach (var value in values)
            {
                AppendValue(value);
            }
        }
        catch (Exception error) when (error is InvalidCastException or OverflowException)
        {
            // All or nothing: take back the values of this row already appended.
            for (var c = _column - 1; c >= 0; c--)
            {
                _builders[c].RemoveLast();
            }

            _column = 0;
            throw;
        }

        EndRow();
    }

    /// <summary>Ends the row: every column must have had its value.</summary>
    public void EndRow()
    {
        if (_column != _types.Length)
        {
            throw new InvalidOperationException($"{TableName} has {_types.Length} columns; the row has {_column} values so far.");
        }

        _column = 0;
        if (_builders[0].Count >= ChunkRows)
        {
            Flush();
        }
    }

    /// <summary>Adds every ended row to the table, atomically; returns how many. The appender is finished afterwards.</summary>
    public long Commit()
    {
        ThrowIfDone();
        if (_column != 0)
        {
            throw new InvalidOperationException($"The last row is half appended ({_column} of {_types.Length} values); end it before committing.");
        }

        Flush();
        _done = true;
        try
        {
            return _appender.Commit();
        }
        catch (Exception error) when (OlapException.From(error) is { } olap)
        {
            throw olap;
        }
    }

    public void Dispose()
    {
        _done = true;
        _appender.Dispose();
    }

    private void Flush()
    {
        var rows = _builders[0].Count;
        if (rows == 0)
        {
            return;
        }

        for (var c = 0; c < _builders.Length; c++)
        {
            _builders[c].ViewInto(_chunk.Columns[c]);
        }

        _chunk.SetCount(rows);
        _appender.Append(_chunk);
        foreach (var builder in _builders)
        {
            builder.Clear();
        }
    }

    private ColumnBuilder Next()
    {
        ThrowIfDone();
        if (_column >= _types.Length)
        {
            throw new InvalidOperationException($"{TableName} has {_types.Length} columns; call EndRow() after the last one.");
        }

        return _builders[_column++];
    }

    private ColumnType Type(int column)
    {
        ThrowIfDone();
        return column < _types.Length ? _types[column] : throw new InvalidOperationException($"{TableName} has {_types.Length} columns; call EndRow() after the last one.");
    }

    private void Expect(int column, LogicalTypeId expected, string given)
    {
        if (Type(column).Id != expected)
        {
            throw Mismatch(column, given);
        }
    }

    /// <summary>Takes back a value a failed conversion had counted, so the row can still be completed correctly.</summary>
    private void Undo(int column) => _column = column;

    /// <summary>A value that does not fit is refused before anything is appended, so the row can still be completed.</summary>
    private void AppendDecimalOrUndo(ColumnBuilder builder, ColumnType type, int column, decimal value)
    {
        try
        {
            AppendDecimal(builder, type, column, value);
        }
        catch (OverflowException)
        {
            Undo(column);
            throw;
        }
    }

    private static void AppendDecimal(ColumnBuilder builder, ColumnType type, int column, decimal value)
    {
        var scaled = decimal.Round(value * Pow10(type.Scale), 0, MidpointRounding.AwayFromZero);
        var limit = Pow10(type.Precision);
        if (scaled >= limit || scaled <= -limit)
        {
            throw new OverflowException($"Column {column + 1}: {value} does not fit {type}.");
        }

        if (type.Physical == PhysicalKind.Int128)
        {
            builder.AppendInt128((Int128)scaled);
        }
        else
        {
            builder.AppendInt64((long)scaled);
        }
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < Math.Min(exponent, 28); i++)
        {
            result *= 10;
        }

        return result;
    }

    private string ColumnName(int column) => column < _types.Length ? _appender.Columns[column].Name : $"#{column + 1}";

    private InvalidCastException Mismatch(int column, string given) =>
        new($"Column '{ColumnName(column)}' of {TableName} is {_types[column]}: {given} cannot go into it.");

    private void ThrowIfDone() => ObjectDisposedException.ThrowIf(_done, this);
}
