using System.Text;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Query.Execution.Expressions;

/// <summary>LENGTH: characters, not bytes, as BIGINT.</summary>
internal sealed class LengthNode(ExpressionNode operand) : StringMapNode(operand, ColumnType.BigInt)
{
    protected override void Compute(ColumnVector input, RowSelection rows, ColumnVector output)
    {
        var values = output.PrepareFlat<long>(rows.Count);
        for (var i = 0; i < rows.LiveCount; i++)
        {
            var row = rows[i];
            if (input.IsNull(row))
            {
                output.Validity.SetInvalid(row, rows.Count);
                continue;
            }

            values[row] = Utf8Text.CharacterCount(input.GetString(row));
        }
    }
}

/// <summary>UPPER / LOWER: ASCII in place, other text through .NET's invariant casing (full Unicode, as DuckDB's utf8proc).</summary>
internal sealed class CaseMapNode(ExpressionNode operand, bool upper) : StringMapNode(operand, ColumnType.Varchar)
{
    private readonly StringVectorWriter _writer = new();

    protected override void Compute(ColumnVector input, RowSelection rows, ColumnVector output)
    {
        _writer.Begin(rows.Count);
        for (var i = 0; i < rows.LiveCount; i++)
        {
            var row = rows[i];
            if (input.IsNull(row))
            {
                _writer.AppendNull(row);
                continue;
            }

            var text = input.GetString(row);
            if (Ascii.IsValid(text))
            {
                var target = _writer.Reserve(row, text.Length);
                _ = upper ? Ascii.ToUpper(text, target, out _) : Ascii.ToLower(text, target, out _);
                _writer.Commit(text.Length);
            }
            else
            {
                // Rune by rune into the writer: no string per row. A cased rune can grow by half (2 to 3 UTF-8 bytes).
                var target = _writer.Reserve(row, (text.Length * 2) + 4);
                var written = 0;
                while (!text.IsEmpty)
                {
                    Rune.DecodeFromUtf8(text, out var rune, out var consumed);
                    var mapped = upper ? Rune.ToUpperInvariant(rune) : Rune.ToLowerInvariant(rune);
                    written += mapped.EncodeToUtf8(target[written..]);
                    text = text[consumed..];
                }

                _writer.Commit(written);
            }
        }

        _writer.Finish(output);
    }
}

/// <summary>Which sides TRIM strips.</summary>
internal enum TrimSides
{
    Both,
    Left,
    Right,
}

/// <summary>TRIM / LTRIM / RTRIM of spaces, or of the characters of a constant second argument.</summary>
internal sealed class TrimNode(ExpressionNode operand, TrimSides sides, string characters) : StringMapNode(operand, ColumnType.Varchar)
{
    private readonly StringVectorWriter _writer = new();
    private readonly byte[] _asciiSet = Ascii.IsValid(characters) ? Encoding.ASCII.GetBytes(characters) : [];
    private readonly int[] _runes = [.. characters.EnumerateRunes().Select(r => r.Value)];

    protected override void Compute(ColumnVector input, RowSelection rows, ColumnVector output)
    {
        _writer.Begin(rows.Count);
        for (var i = 0; i < rows.LiveCount; i++)
        {
            var row = rows[i];
            if (input.IsNull(row))
            {
                _writer.AppendNull(row);
                continue;
            }

            _writer.Append(row, Trim(input.GetString(row)));
        }

        _writer.Finish(output);
    }

    private ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text)
    {
        if (_asciiSet.Length == _runes.Length)
        {
            return sides switch
            {
                TrimSides.Left => text.TrimStart(_asciiSet),
                TrimSides.Right => text.TrimEnd(_asciiSet),
                _ => text.Trim(_asciiSet),
            };
        }

        var start = 0;
        var end = text.Length;
        if (sides != TrimSides.Right)
        {
            while (start < end && Rune.DecodeFromUtf8(text[start..end], out var rune, out var length) == System.Buffers.OperationStatus.Done
                && Array.IndexOf(_runes, rune.Value) >= 0)
            {
                start += length;
            }
        }

        if (sides != TrimSides.Left)
        {
            while (end > start && Rune.DecodeLastFromUtf8(text[start..end], out var rune, out var length) == System.Buffers.OperationStatus.Done
                && Array.IndexOf(_runes, rune.Value) >= 0)
            {
                end -= length;
            }
        }

        return text[start..end];
    }
}

/// <summary>
/// SUBSTRING(s, start[, length]) by characters with DuckDB's rules: start 1 is the first character, 0 the position
/// before it, negative counts from the end; a negative length takes the characters before start.
/// </summary>
internal sealed class SubstringNode(ExpressionNode text, ExpressionNode start, ExpressionNode? length) : ExpressionNode(ColumnType.Varchar)
{
    private readonly ColumnVector _output = new(ColumnType.Varchar);
    private readonly StringVectorWriter _writer = new();

    public override ColumnVector Evaluate(DataChunk chunk, RowSelection rows)
    {
        var strings = text.Evaluate(chunk, rows);
        var starts = start.Evaluate(chunk, rows);
        var lengths = length?.Evaluate(chunk, rows);
        _writer.Begin(rows.Count);
        for (var i = 0; i < rows.LiveCount; i++)
        {
            var row = rows[i];
            if (strings.IsNull(row) || starts.IsNull(row) || (lengths?.IsNull(row) ?? false))
            {
                _writer.AppendNull(row);
                continue;
            }

            _writer.Append(row, Slice(strings.GetString(row), starts.GetValue<long>(row), lengths?.GetValue<long>(row)));
        }

        _writer.Finish(_output);
        return _output;
    }

    internal static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> value, long offset, long? count)
    {
        var ascii = Ascii.IsValid(value);
        long size = ascii ? value.Length : Utf8Text.CharacterCount(value);
        // Positions on an unbounded line of characters, then clamped to the string.
        var first = offset > 0 ? offset - 1 : offset < 0 ? size + offset : -1;
        long last;
        if (count is not { } n)
        {
            last = long.MaxValue;
        }
        else if (n >= 0)
        {
            last = first + n;
        }
        else
        {
            last = first;
            first += n;
        }

        first = Math.Clamp(first, 0, size);
        last = Math.Clamp(last, 0, size);
        if (first >= last)
        {
            return [];
        }

        if (ascii)
        {
            return value[(int)first..(int)last];
        }

        var from = Utf8Text.ByteOffset(value, (int)first);
        var to = Utf8Text.ByteOffset(value, (int)last);
        return value[from..to];
    }
}

/// <summary>CONCAT (NULL arguments count as empty) or <c>||</c> (NULL when any operand is NULL) of VARCHARs.</summary>
internal sealed class ConcatNode(ExpressionNode[] arguments, bool nullPropagates) : ExpressionNode(ColumnType.Varchar)
{
    private readonly ColumnVector _output = new(ColumnType.Varchar);
    private readonly StringVectorWriter _writer = new();
    private readonly ColumnVector[] _inputs = new ColumnVector[arguments.Length];

    public override ColumnVector Evaluate(DataChunk chunk, RowSelection rows)
    {
        for (var a = 0; a < arguments.Length; a++)
        {
            _inputs[a] = arguments[a].Evaluate(chunk, rows);
        }

        _writer.Begin(rows.Count);
        for (var i = 0; i < rows.LiveCount; i++)
        {
            var row = rows[i];
            var total = 0;
            var anyNull = false;
            foreach (var input in _inputs)
            {
                if (input.IsNull(row))
                {
                    anyNull = true;
                }
                else
                {
                    total += input.GetString(row).Length;
                }
            }

            if (anyNull && nullPropagates)
            {
                _writer.AppendNull(row);
                continue;
            }

            var target = _writer.Reserve(row, total);
            var position = 0;
            foreach (var input in _inputs)
            {
                if (!input.IsNull(row))
                {
                    var value = input.GetString(row);
                    value.CopyTo(target[position..]);
                    position += value.Length;
                }
            }

            _writer.Commit(total);
        }

        _writer.Finish(_output);
        return _output;
    }
}
