using System.Data.Common;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace Olap.Query.Tests.Golden;

/// <summary>Which expected blocks the generator writes.</summary>
internal enum GenerationMode
{
    /// <summary>Only queries whose expected block is empty or missing.</summary>
    Missing,

    /// <summary>Every query not marked <c>handwritten</c>.</summary>
    All,
}

/// <summary>
/// Writes the expected results of a golden file from DuckDB: each case runs in an in-process DuckDB in order, and
/// each query's result is written in the golden format with values printed as Olap's <c>GetText</c> prints them.
/// Cases marked <c>handwritten</c> (our own COPY, SHOW, DESCRIBE, EXPLAIN output, errors, documented differences)
/// are run but not rewritten; <c>olap-only</c> cases are not run at all. The notes say where DuckDB disagreed
/// with the file: a statement it rejected, an error case it accepted, a different row count.
/// </summary>
internal static partial class DuckDbExpectations
{
    public static (string Text, IReadOnlyList<string> Notes) Generate(GoldenFile file, GenerationMode mode)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"olap-golden-duckdb-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        var replacements = new Dictionary<GoldenCase, IReadOnlyList<string>>();
        var notes = new List<string>();
        try
        {
            using var connection = new DuckDBConnection("Data Source=:memory:");
            connection.Open();
            foreach (var golden in file.Cases)
            {
                if (golden.OlapOnly || golden.Kind == GoldenCaseKind.File)
                {
                    continue;
                }

                var sql = ForDuckDb(GoldenText.Substitute(golden.Sql, temp));
                var where = $"{file.Name}:{golden.Line}";
                try
                {
                    switch (golden.Kind)
                    {
                        case GoldenCaseKind.Query when golden.Handwritten:
                            Execute(connection, sql);
                            break;
                        case GoldenCaseKind.Query:
                        {
                            var lines = Run(connection, sql, golden.Types);
                            var rows = golden.RowSort ? [.. lines.Take(golden.Types ? 2 : 1), .. GoldenText.SortRows(lines.Skip(golden.Types ? 2 : 1))] : lines;
                            if (mode == GenerationMode.All || golden.Expected.Count == 0)
                            {
                                replacements[golden] = rows;
                            }

                            break;
                        }

                        case GoldenCaseKind.StatementError:
                            Execute(connection, sql);
                            notes.Add($"{where}: DuckDB accepts this error case: {golden.Sql}");
                            break;
                        case GoldenCaseKind.StatementCount:
                        {
                            var changed = Execute(connection, sql);
                            if (changed != golden.ExpectedCount)
                            {
                                notes.Add($"{where}: DuckDB changed {changed} rows, the file expects {golden.ExpectedCount}: {golden.Sql}");
                            }

                            break;
                        }

                        default:
                            Execute(connection, sql);
                            break;
                    }
                }
                catch (DbException error) when (golden.Kind == GoldenCaseKind.StatementError)
                {
                    _ = error;
                }
                catch (DbException error)
                {
                    notes.Add($"{where}: DuckDB failed: {error.Message.Split('\n')[0]}\n    {golden.Sql.Replace("\n", "\n    ", StringComparison.Ordinal)}");
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(temp, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return (file.WithExpected(replacements), notes);
    }

    /// <summary>Olap's dialect in DuckDB's: a declared sort key means nothing there.</summary>
    private static string ForDuckDb(string sql) => SortedBy().Replace(sql, string.Empty);

    private static long Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    private static List<string> Run(DuckDBConnection connection, string sql, bool types)
    {
        // A script's result is its last statement's; DESCRIBE gives that statement's exact types (DECIMAL(p,s)).
        var statements = SplitStatements(sql);
        foreach (var statement in statements[..^1])
        {
            Execute(connection, statement);
        }

        var typeNames = new List<string>();
        using (var describe = connection.CreateCommand())
        {
            describe.CommandText = "DESCRIBE " + statements[^1];
            using var described = describe.ExecuteReader();
            while (described.Read())
            {
                typeNames.Add(TypeName(described.GetString(described.GetOrdinal("column_type"))));
            }
        }

        using var command = connection.CreateCommand();
        command.CommandText = statements[^1];
        using var reader = command.ExecuteReader();
        var lines = new List<string> { GoldenText.Row(Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)) };
        if (types)
        {
            lines.Add(GoldenText.Row(typeNames));
        }

        while (reader.Read())
        {
            lines.Add(GoldenText.Row(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Format(reader.GetValue(i), typeNames[i]))));
        }

        return lines;
    }

    /// <summary>The statements of a script: split at semicolons outside quotes and comments.</summary>
    private static List<string> SplitStatements(string sql)
    {
        var statements = new List<string>();
        var start = 0;
        var quote = '\0';
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == ';')
            {
                statements.Add(sql[start..i]);
                start = i + 1;
            }
        }

        statements.Add(sql[start..]);
        var nonEmpty = statements.Where(s => StripComments(s).Trim().Length > 0).ToList();
        return nonEmpty.Count == 0 ? [sql] : nonEmpty;
    }

    private static string StripComments(string sql) => LineComment().Replace(BlockComment().Replace(sql, " "), " ");

    /// <summary>DuckDB's type names as Olap prints them.</summary>
    private static string TypeName(string duckDb) => duckDb.ToUpperInvariant() switch
    {
        "INT32" or "INT" or "INT4" => "INTEGER",
        "INT64" or "INT8" or "LONG" => "BIGINT",
        "INT128" => "HUGEINT",
        "INT16" or "INT2" => "SMALLINT",
        "FLOAT8" => "DOUBLE",
        "BOOL" => "BOOLEAN",
        var name when name.StartsWith("DECIMAL", StringComparison.Ordinal) => name.Replace(" ", string.Empty, StringComparison.Ordinal),
        var name => name,
    };

    /// <summary>A value as Olap's <c>GetText</c> prints it.</summary>
    private static string Format(object value, string type) => value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString("F" + DecimalScale(type), CultureInfo.InvariantCulture),
        BigInteger big => big.ToString(CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time when type == "DATE" => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        string s => GoldenText.Cell(s),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "NULL",
    };

    private static int DecimalScale(string type)
    {
        var match = DecimalType().Match(type);
        return match.Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"\bSORTED\s+BY\s*\([^)]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex SortedBy();

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"DECIMAL\((\d+),(\d+)\)")]
    private static partial Regex DecimalType();
}
