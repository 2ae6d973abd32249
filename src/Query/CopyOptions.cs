using Olap.Columnar.Text;
using Olap.Query.Binding;
using Olap.Query.Parsing.Ast;

namespace Olap.Query;

/// <summary>The options of a COPY statement: FORMAT, DELIMITER (SEP), HEADER, NULL, QUOTE and ALLOW_QUOTED_NULLS, with DuckDB's meanings.</summary>
internal sealed record CopyOptions(string Format, DelimitedTextOptions Text)
{
    public static CopyOptions Parse(IReadOnlyList<CopyOption> options, bool forWriting, string defaultFormat = "csv")
    {
        var format = defaultFormat;
        var text = new DelimitedTextOptions { Header = forWriting };
        foreach (var option in options)
        {
            switch (option.Name.ToLowerInvariant())
            {
                case "format":
                    format = ValueText(option).ToLowerInvariant();
                    if (format is not ("csv" or "olap"))
                    {
                        throw new BindException($"COPY FORMAT {format} is not supported (csv or olap)", option.Position);
                    }

                    break;
                case "delimiter" or "delim" or "sep":
                {
                    var delimiter = ValueText(option);
                    if (delimiter.Length != 1 || delimiter[0] > 127 || delimiter[0] is '\r' or '\n')
                    {
                        throw new BindException($"DELIMITER must be one ASCII character, not '{delimiter}'", option.Position);
                    }

                    text = text with { Delimiter = delimiter[0] };
                    break;
                }

                case "header":
                    text = text with { Header = Boolean(option) };
                    break;
                case "null" or "nullstr":
                    text = text with { NullString = ValueText(option) };
                    break;
                case "allow_quoted_nulls":
                    text = text with { AllowQuotedNulls = Boolean(option) };
                    break;
                case "quote":
                {
                    var quote = ValueText(option);
                    if (quote.Length > 1)
                    {
                        throw new BindException($"QUOTE must be one character or empty, not '{quote}'", option.Position);
                    }

                    text = text with { Quote = quote.Length == 0 ? '\0' : quote[0] };
                    break;
                }

                default:
                    throw new BindException(NameSuggestions.WithSuggestion($"unknown COPY option {option.Name}", option.Name, ["format", "delimiter", "header", "null", "quote", "allow_quoted_nulls"]), option.Position);
            }
        }

        return new CopyOptions(format, text);
    }

    private static string ValueText(CopyOption option) => option.Value switch
    {
        LiteralExpression literal => literal.Text,
        ColumnReferenceExpression reference => reference.Name,
        _ => throw new BindException($"COPY option {option.Name} needs a value", option.Position),
    };

    private static bool Boolean(CopyOption option)
    {
        if (option.Value is null)
        {
            return true;
        }

        var text = ValueText(option).ToLowerInvariant();
        return text switch
        {
            "true" or "1" or "on" => true,
            "false" or "0" or "off" => false,
            _ => throw new BindException($"COPY option {option.Name} takes true or false, not {text}", option.Position),
        };
    }
}
