using System.Text;
using Olap.Columnar.Text;
using Olap.Columnar.Types;
using Olap.Columnar.Vectors;
using Olap.Query.Planning.Logical;

namespace Olap.Query;

/// <summary>Writes rows as CSV: values as SQL prints them, quoted when they hold the delimiter, a quote or a line break.</summary>
internal sealed class CsvResultWriter : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly DelimitedTextOptions _options;
    private readonly ColumnType[] _types;

    public CsvResultWriter(string path, IReadOnlyList<OutputColumn> columns, DelimitedTextOptions options)
    {
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        _options = options;
        _types = [.. columns.Select(c => c.Type)];
        if (options.Header)
        {
            WriteLine(columns.Select(c => c.Name));
        }
    }

    public void Write(DataChunk chunk)
    {
        var fields = new string?[_types.Length];
        void WriteRow(int row)
        {
            for (var c = 0; c < fields.Length; c++)
            {
                var vector = chunk.Columns[c];
                fields[c] = vector.IsNull(row) ? null : ValueFormatter.Format(vector.GetScalar(row), _types[c]);
            }

            WriteLine(fields);
        }

        if (chunk.Selection is { } selection)
        {
            foreach (var row in selection.Indices)
            {
                WriteRow(row);
            }
        }
        else
        {
            for (var row = 0; row < chunk.Count; row++)
            {
                WriteRow(row);
            }
        }
    }

    /// <summary>Writes one record; a null field is NULL (the NULL string, unquoted), an empty string is written quoted.</summary>
    private void WriteLine(IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                _writer.Write(_options.Delimiter);
            }

            first = false;
            if (field is null)
            {
                _writer.Write(_options.NullString);
                continue;
            }

            var quote = _options.Quote;
            if (quote != '\0' && (field.Contains(_options.Delimiter, StringComparison.Ordinal) || field.Contains(quote, StringComparison.Ordinal) || field.Contains('\n', StringComparison.Ordinal) || field.Contains('\r', StringComparison.Ordinal) || field == _options.NullString))
            {
                _writer.Write(quote);
                _writer.Write(field.Replace(quote.ToString(), new string(quote, 2), StringComparison.Ordinal));
                _writer.Write(quote);
            }
            else
            {
                _writer.Write(field);
            }
        }

        _writer.Write('\n');
    }

    public void Dispose() => _writer.Dispose();
}
