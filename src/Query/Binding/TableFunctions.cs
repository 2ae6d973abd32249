using Olap.Columnar.Types;
using Olap.Query.Parsing.Ast;

namespace Olap.Query.Binding;

/// <summary>
/// The table functions FROM accepts, as DuckDB spells them: <c>read_parquet(path [, hive_partitioning = bool])</c>
/// (also <c>parquet_scan</c>) and <c>read_csv(path)</c> / <c>read_csv_auto(path)</c>. Paths may be globs for Parquet.
/// </summary>
internal static class TableFunctions
{
    public static (string Path, FileReadOptions Options) Bind(TableFunctionReference function)
    {
        var name = function.Name.ToLowerInvariant();
        var format = name switch
        {
            "read_parquet" or "parquet_scan" => "parquet",
            "read_csv" or "read_csv_auto" => "csv",
            _ => throw new BindException(NameSuggestions.WithSuggestion($"table function {function.Name} does not exist", function.Name, ["read_parquet", "parquet_scan", "read_csv", "read_csv_auto"]), function.Position),
        };

        var positional = function.Arguments.Where(a => a.Name is null).ToList();
        if (positional.Count != 1)
        {
            throw new BindException($"{name} takes one path (a string, which may be a glob), not {positional.Count} arguments", function.Position);
        }

        var path = Text(positional[0].Value, name, "the path");
        var hive = false;
        foreach (var argument in function.Arguments.Where(a => a.Name is not null))
        {
            switch (argument.Name!.ToLowerInvariant())
            {
                case "hive_partitioning" when format == "parquet":
                    hive = Boolean(argument.Value, name, argument.Name);
                    break;
                case "binary_as_string" when format == "parquet":
                    // Binary columns without a logical type are always read as text.
                    _ = Boolean(argument.Value, name, argument.Name);
                    break;
                default:
                    throw new BindException($"{name} has no option {argument.Name}{(format == "parquet" ? " (known: hive_partitioning, binary_as_string)" : "")}", argument.Value.Position);
            }
        }

        return (path, new FileReadOptions(format, hive));
    }

    private static string Text(ParsedExpression value, string function, string what)
    {
        var bound = value is LiteralExpression literal ? LiteralBinder.Bind(literal) : null;
        return bound is { Type: { } type } && type == ColumnType.Varchar
            ? System.Text.Encoding.UTF8.GetString(bound.Value.Utf8)
            : throw new BindException($"{function} needs {what} as a string literal", value.Position);
    }

    private static bool Boolean(ParsedExpression value, string function, string option)
    {
        var bound = value is LiteralExpression literal ? LiteralBinder.Bind(literal) : null;
        return bound is { Type: { } type } && type == ColumnType.Boolean
            ? bound.Value.Int64 != 0
            : throw new BindException($"{function}: {option} must be true or false", value.Position);
    }
}
