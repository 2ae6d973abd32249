using System.Text.Json;
using System.Text.Json.Nodes;
using Olap.Columnar.Format;
using Olap.Columnar.Types;

namespace Olap.Columnar.Storage;

/// <summary>
/// The manifest as JSON with an XxHash64 checksum of its body, so a damaged manifest is detected, never half-read.
/// Layout: <c>{"format":1,"checksum":"...","body":{...}}</c>.
/// </summary>
public static class ManifestSerializer
{
    public const int FormatVersion = 1;

    public static byte[] Serialize(Manifest manifest)
    {
        var body = new JsonObject
        {
            ["version"] = manifest.Version,
            ["logSequence"] = manifest.LogSequence,
            ["tables"] = new JsonArray([.. manifest.Tables.Select(TableToJson)]),
            ["views"] = new JsonArray([.. manifest.Views.Select(view => (JsonNode)new JsonObject { ["name"] = view.Name, ["sql"] = view.Sql })]),
        };
        var bodyText = body.ToJsonString();
        var document = new JsonObject
        {
            ["format"] = FormatVersion,
            ["checksum"] = Checksum(bodyText),
            ["body"] = JsonNode.Parse(bodyText),
        };
        return System.Text.Encoding.UTF8.GetBytes(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Reads a manifest; any damage is an <see cref="InvalidDataException"/> saying what is wrong.</summary>
    public static Manifest Deserialize(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var document = JsonNode.Parse(bytes.ToArray()) as JsonObject ?? throw Damaged("it is not a JSON object");
            var format = Required(document, "format").GetValue<int>();
            if (format != FormatVersion)
            {
                throw Damaged($"manifest format {format} is not supported (this build reads format {FormatVersion})");
            }

            var body = Required(document, "body") as JsonObject ?? throw Damaged("the body is not an object");
            if (Checksum(body.ToJsonString()) != Required(document, "checksum").GetValue<string>())
            {
                throw Damaged("checksum mismatch (the manifest is damaged)");
            }

            var tables = ((JsonArray)Required(body, "tables")).Select(node => TableFromJson((JsonObject)node!)).ToArray();
            var views = ((JsonArray)Required(body, "views"))
                .Select(node => new ViewEntry(Required((JsonObject)node!, "name").GetValue<string>(), Required((JsonObject)node!, "sql").GetValue<string>()))
                .ToArray();
            // Manifests written before the write log have no sequence: nothing of theirs is in a log.
            var logSequence = body["logSequence"]?.GetValue<long>() ?? 0;
            return new Manifest(Required(body, "version").GetValue<long>(), tables, views) { LogSequence = logSequence };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or InvalidCastException or FormatException or ArgumentException)
        {
            throw Damaged($"it is malformed ({e.Message})", e);
        }
    }

    private static JsonNode TableToJson(TableEntry table)
    {
        var json = TableFieldsToJson(table);
        if (table.Cube is { } cube)
        {
            json["cube"] = new JsonObject { ["sql"] = cube.Sql, ["visibleColumns"] = cube.VisibleColumns, ["stale"] = cube.Stale };
            if (cube.DeltaSegments > 0)
            {
                json["cube"]!["deltaSegments"] = cube.DeltaSegments;
            }
        }

        return json;
    }

    private static JsonObject TableFieldsToJson(TableEntry table) => new()
    {
        ["name"] = table.Name,
        ["columns"] = new JsonArray([.. table.Columns.Select(column => (JsonNode)new JsonObject
        {
            ["name"] = column.Name,
            ["type"] = (int)column.Type.Id,
            ["precision"] = column.Type.Precision,
            ["scale"] = column.Type.Scale,
        })]),
        ["sortKey"] = new JsonArray([.. table.SortKey.Select(key => (JsonNode)new JsonObject { ["column"] = key.Column, ["descending"] = key.Descending })]),
        ["segments"] = new JsonArray([.. table.Segments.Select(SegmentToJson)]),
    };

    private static JsonNode SegmentToJson(SegmentEntry segment)
    {
        var json = new JsonObject { ["file"] = segment.FileName, ["rows"] = segment.RowCount };
        if (segment.Deletes is not null)
        {
            json["deletes"] = segment.Deletes;
            json["deletedRows"] = segment.DeletedRows;
        }

        return json;
    }

    private static SegmentEntry SegmentFromJson(JsonObject segment)
        => new(
            Required(segment, "file").GetValue<string>(),
            Required(segment, "rows").GetValue<long>(),
            segment["deletes"]?.GetValue<string>(),
            segment["deletedRows"]?.GetValue<long>() ?? 0);

    private static TableEntry TableFromJson(JsonObject table)
    {
        var name = Required(table, "name").GetValue<string>();
        var columns = ((JsonArray)Required(table, "columns")).Select(node =>
        {
            var column = (JsonObject)node!;
            var columnName = Required(column, "name").GetValue<string>();
            if (!ColumnType.TryCreate((LogicalTypeId)Required(column, "type").GetValue<int>(), Required(column, "precision").GetValue<byte>(), Required(column, "scale").GetValue<byte>(), out var type))
            {
                throw Damaged($"column \"{columnName}\" of table \"{name}\" has an unknown type");
            }

            return new ColumnDefinition(columnName, type);
        }).ToArray();
        var sortKey = ((JsonArray)Required(table, "sortKey"))
            .Select(node => new SortKeyColumn(Required((JsonObject)node!, "column").GetValue<int>(), Required((JsonObject)node!, "descending").GetValue<bool>()))
            .ToArray();
        foreach (var key in sortKey)
        {
            if (key.Column < 0 || key.Column >= columns.Length)
            {
                throw Damaged($"the sort key of table \"{name}\" names column {key.Column}, which does not exist");
            }
        }

        var segments = ((JsonArray)Required(table, "segments"))
            .Select(node => SegmentFromJson((JsonObject)node!))
            .ToArray();
        foreach (var segment in segments)
        {
            if (segment.FileName.Length == 0 || segment.FileName != Path.GetFileName(segment.FileName) || segment.RowCount < 0
                || segment.DeletedRows < 0 || segment.DeletedRows > segment.RowCount
                || (segment.Deletes is { } deletes && (deletes != Path.GetFileName(deletes) || !DeletionVector.IsDeletionFile(deletes))))
            {
                throw Damaged($"table \"{name}\" lists an invalid segment \"{segment.FileName}\"");
            }
        }

        CubeEntry? cube = null;
        if (table["cube"] is JsonObject cubeJson)
        {
            var deltas = cubeJson["deltaSegments"]?.GetValue<int>() ?? 0;
            cube = new CubeEntry(Required(cubeJson, "sql").GetValue<string>(), Required(cubeJson, "visibleColumns").GetValue<int>(), Required(cubeJson, "stale").GetValue<bool>(), deltas);
            if (cube.VisibleColumns < 1 || cube.VisibleColumns > columns.Length)
            {
                throw Damaged($"materialized view \"{name}\" shows {cube.VisibleColumns} of its {columns.Length} columns");
            }

            if (deltas < 0 || deltas > segments.Length)
            {
                throw Damaged($"materialized view \"{name}\" counts {deltas} appended segments of its {segments.Length}");
            }
        }

        return new TableEntry(name, columns, sortKey, segments, cube);
    }

    private static JsonNode Required(JsonObject node, string property)
        => node[property] ?? throw Damaged($"the field \"{property}\" is missing");

    private static string Checksum(string text)
        => System.IO.Hashing.XxHash64.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(text)).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    private static InvalidDataException Damaged(string problem, Exception? inner = null) => new($"manifest: {problem}.", inner);
}
