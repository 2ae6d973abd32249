using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Olap.Data;

/// <summary>
/// A value for <c>$1</c>, <c>?</c>, <c>@name</c> or <c>:name</c> in the command text. The SQL type comes from
/// <see cref="DbType"/> when it was set and from the value's CLR type otherwise (int → INTEGER, long → BIGINT,
/// decimal → DECIMAL, string → VARCHAR, DateOnly → DATE, DateTime → TIMESTAMP, …).
/// </summary>
public sealed class OlapParameter : DbParameter
{
    private string _name = "";
    private DbType? _dbType;

    public OlapParameter()
    {
    }

    public OlapParameter(string? name, object? value)
    {
        _name = name ?? "";
        Value = value;
    }

    public OlapParameter(string? name, DbType dbType, object? value)
        : this(name, value) => _dbType = dbType;

    public override DbType DbType
    {
        get => _dbType ?? Inferred(Value);
        set => _dbType = value;
    }

    public override ParameterDirection Direction
    {
        get => ParameterDirection.Input;
        set
        {
            if (value != ParameterDirection.Input)
            {
                throw new NotSupportedException("Olap parameters are input parameters only.");
            }
        }
    }

    public override bool IsNullable { get; set; }

    [AllowNull]
    public override string ParameterName
    {
        get => _name;
        set => _name = value ?? "";
    }

    [AllowNull]
    public override string SourceColumn { get; set; } = "";

    public override object? Value { get; set; }

    public override bool SourceColumnNullMapping { get; set; }

    public override int Size { get; set; }

    public override void ResetDbType() => _dbType = null;

    /// <summary>The value converted to <see cref="DbType"/>'s CLR type when one was set.</summary>
    internal object? TypedValue()
    {
        var value = Value;
        if (value is null or DBNull || _dbType is not { } type)
        {
            return value;
        }

        try
        {
            return type switch
            {
                DbType.Boolean => Convert.ToBoolean(value, CultureInfo.InvariantCulture),
                DbType.Byte or DbType.SByte or DbType.Int16 => Convert.ToInt16(value, CultureInfo.InvariantCulture),
                DbType.UInt16 or DbType.Int32 => Convert.ToInt32(value, CultureInfo.InvariantCulture),
                DbType.UInt32 or DbType.Int64 => Convert.ToInt64(value, CultureInfo.InvariantCulture),
                DbType.UInt64 => Convert.ToUInt64(value, CultureInfo.InvariantCulture),
                DbType.Single or DbType.Double => Convert.ToDouble(value, CultureInfo.InvariantCulture),
                DbType.Decimal or DbType.Currency or DbType.VarNumeric => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
                DbType.String or DbType.StringFixedLength or DbType.AnsiString or DbType.AnsiStringFixedLength or DbType.Xml or DbType.Guid
                    => Convert.ToString(value, CultureInfo.InvariantCulture),
                DbType.Date => value switch
                {
                    DateOnly date => date,
                    DateTime time => DateOnly.FromDateTime(time),
                    DateTimeOffset offset => DateOnly.FromDateTime(offset.DateTime),
                    _ => DateOnly.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture),
                },
                DbType.DateTime or DbType.DateTime2 => value switch
                {
                    DateTime time => time,
                    DateOnly date => date.ToDateTime(TimeOnly.MinValue),
                    DateTimeOffset offset => offset.DateTime,
                    _ => Convert.ToDateTime(value, CultureInfo.InvariantCulture),
                },
                DbType.DateTimeOffset => value is DateTimeOffset o ? o : new DateTimeOffset(Convert.ToDateTime(value, CultureInfo.InvariantCulture)),
                DbType.Object => value,
                _ => throw new NotSupportedException($"DbType.{type} has no Olap SQL type."),
            };
        }
        catch (Exception error) when (error is FormatException or InvalidCastException or OverflowException)
        {
            throw new InvalidCastException($"Parameter '{_name}': {value.GetType().Name} value {value} cannot be read as DbType.{type}: {error.Message}", error);
        }
    }

    private static DbType Inferred(object? value) => value switch
    {
        bool => DbType.Boolean,
        byte => DbType.Byte,
        sbyte => DbType.SByte,
        short => DbType.Int16,
        ushort => DbType.UInt16,
        int => DbType.Int32,
        uint => DbType.UInt32,
        long => DbType.Int64,
        ulong => DbType.UInt64,
        float => DbType.Single,
        double => DbType.Double,
        decimal => DbType.Decimal,
        DateOnly => DbType.Date,
        DateTime => DbType.DateTime,
        DateTimeOffset => DbType.DateTimeOffset,
        Guid => DbType.Guid,
        null or DBNull => DbType.Object,
        _ => DbType.String,
    };
}
