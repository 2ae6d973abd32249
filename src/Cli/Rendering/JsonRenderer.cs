using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Olap.Cli.Rendering;

/// <summary>
/// Rows as JSON objects keyed by column name: one array (<c>json</c>) or one object per line (<c>jsonlines</c>).
/// Numbers and booleans are bare, NULL is null, everything else (dates, text) a string; non-ASCII text stays as it is.
/// </summary>
internal sealed class JsonRenderer(bool lines) : IResultRenderer
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonRenderer Array { get; } = new(lines: false);

    public static JsonRenderer Lines { get; } = new(lines: true);

    public void Render(ResultView view, TextWriter output, RenderOptions options)
    {
        if (view.ColumnCount == 0)
        {
            return;
        }

        if (!lines)
        {
            output.Write('[');
        }

        for (var row = 0; row < view.RowCount; row++)
        {
            if (!lines && row > 0)
            {
                output.Write(",\n");
            }

            output.Write(RowObject(view, row));
            if (lines)
            {
                output.Write('\n');
            }
        }

        if (!lines)
        {
            output.Write("]\n");
        }
    }

    private static string RowObject(ResultView view, int row)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            writer.WriteStartObject();
            for (var c = 0; c < view.ColumnCount; c++)
            {
                writer.WritePropertyName(view.Names[c]);
                var value = view.Cell(row, c);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else if (view.Kinds[c] == CellKind.Boolean)
                {
                    writer.WriteBooleanValue(value == "true");
                }
                else if (view.Kinds[c] == CellKind.Number && IsJsonNumber(value))
                {
                    writer.WriteRawValue(value, skipInputValidation: true);
                }
                else
                {
                    writer.WriteStringValue(value);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Infinity and NaN are numbers to SQL but not to JSON: those go out as strings.</summary>
    private static bool IsJsonNumber(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Number;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
