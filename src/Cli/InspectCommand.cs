using System.Globalization;
using Olap.Columnar.Format;
using Olap.Columnar.Types;

namespace Olap.Cli;

/// <summary>`olap inspect FILE.olap`: the schema, sort key and per-chunk encodings and zone maps of a native file.</summary>
internal static class InspectCommand
{
    public static int Run(string path, TextWriter output, TextWriter error)
    {
        try
        {
            using var reader = OlapFileReader.Open(path);
            reader.Verify();
            var footer = reader.Footer;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {footer.RowCount} rows in {footer.RowGroups.Count} row groups of up to {footer.RowGroupSize} rows; checksums verified"));
            output.WriteLine("columns:");
            foreach (var column in footer.Columns)
            {
                output.WriteLine($"  {column.Name} {column.Type}");
            }

            if (footer.SortKey.Count > 0)
            {
                var keys = footer.SortKey.Select(k => footer.Columns[k.Column].Name + (k.Descending ? " DESC" : string.Empty));
                output.WriteLine($"sorted by: {string.Join(", ", keys)}");
            }

            for (var g = 0; g < footer.RowGroups.Count; g++)
            {
                var group = footer.RowGroups[g];
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"row group {g}: rows {group.FirstRow}..{group.FirstRow + group.RowCount - 1}"));
                for (var c = 0; c < footer.Columns.Count; c++)
                {
                    var chunk = group.Columns[c];
                    var type = footer.Columns[c].Type;
                    var distinct = chunk.DistinctCount < 0 ? ">65536" : chunk.DistinctCount.ToString(CultureInfo.InvariantCulture);
                    output.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"  {footer.Columns[c].Name,-20} {chunk.Encoding,-10} {chunk.PayloadLength + chunk.ValidityLength,10} bytes  min {ValueFormatter.Format(chunk.Min, type)}  max {ValueFormatter.Format(chunk.Max, type)}  nulls {chunk.NullCount}  distinct {distinct}"));
                }
            }

            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"olap inspect: {e.Message}");
            return 1;
        }
    }
}
