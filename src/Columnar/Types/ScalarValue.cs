using System.Globalization;

namespace Olap.Columnar.Types;

/// <summary>
/// One value of a physical kind, used for predicate constants and column statistics.
/// Integral types travel as <see cref="long"/>, DOUBLE as <see cref="double"/>, VARCHAR as UTF-8 bytes.
/// </summary>
public readonly struct ScalarValue : IEquatable<ScalarValue>
{
    private readonly long _integer;
    private readonly long _high;
    private readonly double _double;
    private readonly byte[]? _utf8;

    private ScalarValue(ScalarKind kind, long integer, double @double, byte[]? utf8, long high = 0)
    {
        Kind = kind;
        _high = high;
        _integer = integer;
        _double = @double;
        _utf8 = utf8;
    }

    public static ScalarValue Null => default;

    public ScalarKind Kind { get; }

    public bool IsNull => Kind == ScalarKind.Null;

    public long Int64 => Kind == ScalarKind.Integer ? _integer : throw WrongKind(ScalarKind.Integer);

    /// <summary>A HUGEINT or wide DECIMAL value.</summary>
    public Int128 Int128 => Kind == ScalarKind.HugeInteger ? new Int128((ulong)_high, (ulong)_integer) : throw WrongKind(ScalarKind.HugeInteger);

    public double Double => Kind == ScalarKind.Double ? _double : throw WrongKind(ScalarKind.Double);

    public ReadOnlySpan<byte> Utf8 => Kind == ScalarKind.String ? _utf8 : throw WrongKind(ScalarKind.String);

    public static ScalarValue FromInt64(long value) => new(ScalarKind.Integer, value, 0, null);

    public static ScalarValue FromInt128(Int128 value) => new(ScalarKind.HugeInteger, (long)(ulong)value, 0, null, (long)(ulong)(value >> 64));

    public static ScalarValue FromDouble(double value) => new(ScalarKind.Double, 0, value, null);

    public static ScalarValue FromUtf8(ReadOnlySpan<byte> value) => new(ScalarKind.String, 0, 0, value.ToArray());

    public static ScalarValue FromString(string value) => new(ScalarKind.String, 0, 0, System.Text.Encoding.UTF8.GetBytes(value));

    /// <summary>The value as the flat-vector element type <typeparamref name="T"/> of an integral or DOUBLE column.</summary>
    public T As<T>()
        where T : unmanaged, System.Numerics.INumber<T>
        => Kind switch
        {
            ScalarKind.Integer => T.CreateTruncating(_integer),
            ScalarKind.HugeInteger => T.CreateTruncating(Int128),
            ScalarKind.Double => T.CreateTruncating(_double),
            _ => throw new InvalidOperationException($"A {Kind} value has no numeric form."),
        };

    /// <summary>Orders two values of the same kind: integers and doubles numerically, strings by UTF-8 bytes.</summary>
    public int CompareTo(ScalarValue other)
    {
        if (Kind != other.Kind)
        {
            throw new InvalidOperationException($"Cannot compare a {Kind} value with a {other.Kind} value.");
        }

        return Kind switch
        {
            ScalarKind.Integer => _integer.CompareTo(other._integer),
            ScalarKind.HugeInteger => Int128.CompareTo(other.Int128),
            ScalarKind.Double => _double.CompareTo(other._double),
            ScalarKind.String => _utf8.AsSpan().SequenceCompareTo(other._utf8),
            _ => 0,
        };
    }

    public bool Equals(ScalarValue other) => Kind == other.Kind && Kind switch
    {
        ScalarKind.Integer => _integer == other._integer,
        ScalarKind.HugeInteger => _integer == other._integer && _high == other._high,
        ScalarKind.Double => _double.Equals(other._double),
        ScalarKind.String => _utf8.AsSpan().SequenceEqual(other._utf8),
        _ => true,
    };

    public override bool Equals(object? obj) => obj is ScalarValue other && Equals(other);

    public override int GetHashCode() => Kind switch
    {
        ScalarKind.Integer => _integer.GetHashCode(),
        ScalarKind.HugeInteger => HashCode.Combine(_integer, _high),
        ScalarKind.Double => _double.GetHashCode(),
        ScalarKind.String => (int)System.IO.Hashing.XxHash32.HashToUInt32(_utf8),
        _ => 0,
    };

    public static bool operator ==(ScalarValue left, ScalarValue right) => left.Equals(right);

    public static bool operator !=(ScalarValue left, ScalarValue right) => !left.Equals(right);

    public override string ToString() => Kind switch
    {
        ScalarKind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        ScalarKind.HugeInteger => Int128.ToString(CultureInfo.InvariantCulture),
        ScalarKind.Double => _double.ToString("R", CultureInfo.InvariantCulture),
        ScalarKind.String => System.Text.Encoding.UTF8.GetString(_utf8!),
        _ => "NULL",
    };

    private InvalidOperationException WrongKind(ScalarKind wanted) => new($"The value is {Kind}, not {wanted}.");
}

public enum ScalarKind : byte
{
    Null = 0,
    Integer = 1,
    Double = 2,
    String = 3,
    HugeInteger = 4,
}
