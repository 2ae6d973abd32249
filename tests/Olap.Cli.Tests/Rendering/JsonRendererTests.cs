using System.Text.Json;
using Olap.Cli.Rendering;

namespace Olap.Cli.Tests.Rendering;

public sealed class JsonRendererTests
{
    private const string Sql = "CREATE TABLE t (n INTEGER, s VARCHAR, b BOOLEAN, d DECIMAL(4,2)); INSERT INTO t VALUES (1, 'ä \"q\"', true, 2.50), (NULL, NULL, false, NULL); SELECT * FROM t";

    [Fact]
    public void Json_is_one_array_of_objects_with_bare_numbers_and_booleans_and_null_for_NULL()
    {
        var text = ShellHarness.Render(Sql, OutputMode.Json);

        using var document = JsonDocument.Parse(text);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(1, rows[0].GetProperty("n").GetInt32());
        Assert.Equal("ä \"q\"", rows[0].GetProperty("s").GetString());
        Assert.True(rows[0].GetProperty("b").GetBoolean());
        Assert.Equal(2.50m, rows[0].GetProperty("d").GetDecimal());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("n").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("s").ValueKind);
        Assert.Contains("ä", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lines_is_one_object_per_line()
    {
        var text = ShellHarness.Render(Sql, OutputMode.JsonLines);

        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
    }

    [Fact]
    public void An_empty_result_is_an_empty_array()
    {
        Assert.Equal("[]\n", ShellHarness.Render("SELECT 1 AS n WHERE 1 = 0", OutputMode.Json));
    }
}
