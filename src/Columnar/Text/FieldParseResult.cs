namespace Olap.Columnar.Text;

/// <summary>Why a field did or did not become a value; the reader turns the failures into messages.</summary>
public enum FieldParseResult : byte
{
    Ok = 0,

    /// <summary>The text is not of the type's syntax.</summary>
    Invalid = 1,

    /// <summary>The syntax is right but the value does not fit the type (integer range, DECIMAL precision).</summary>
    OutOfRange = 2,
}
