using Olap.Query;

namespace Olap.Datasets.Ssb;

/// <summary>
/// The Star Schema Benchmark data generator: dbgen's tables, value domains and distributions (../shared/ssb/SPEC.md)
/// from a seeded random stream per row, so the output is byte-identical for a seed and any part of it can be made
/// on any thread. Rows can be read one by one or written as .tbl, CSV or an Olap database.
/// </summary>
public sealed class SsbGenerator
{
    public const long DefaultSeed = 19_920_101;

    /// <summary>Dimension writers hand their buffer to the stream past this many bytes.</summary>
    private const int FlushBytes = 1 << 20;

    public SsbGenerator(double scaleFactor, long seed = DefaultSeed)
    {
        Scale = new SsbScale(scaleFactor);
        Seed = seed;
    }

    public SsbScale Scale { get; }

    public long Seed { get; }

    /// <summary>Threads used to format lineorder; the machine's cores unless set.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>In dbgen's -T order, fact table first.</summary>
    public static IReadOnlyList<SsbTable> Tables { get; } = [SsbTable.Lineorder, SsbTable.Customer, SsbTable.Supplier, SsbTable.Part, SsbTable.Date];

    /// <summary>The SQL table name, also the file name stem.</summary>
    public static string TableName(SsbTable table) => table switch
    {
        SsbTable.Lineorder => "lineorder",
        SsbTable.Customer => "customer",
        SsbTable.Supplier => "supplier",
        SsbTable.Part => "part",
        SsbTable.Date => "date",
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };

    /// <summary>Column names in schema.sql (and dbgen) order.</summary>
    public static IReadOnlyList<string> Columns(SsbTable table) => table switch
    {
        SsbTable.Lineorder => LineorderTable.Columns,
        SsbTable.Customer => GeographyTables.CustomerColumns,
        SsbTable.Supplier => GeographyTables.SupplierColumns,
        SsbTable.Part => PartTable.Columns,
        SsbTable.Date => DateTable.Columns,
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };

    public static string FileName(SsbTable table, SsbFileFormat format) => TableName(table) + (format == SsbFileFormat.Tbl ? ".tbl" : ".csv");

    /// <summary>The lines of orders <paramref name="firstOrder"/> (1-based) onwards, <paramref name="orders"/> of them (all remaining when negative).</summary>
    public IEnumerable<LineorderRow> Lineorders(long firstOrder = 1, long orders = -1)
    {
        var last = orders < 0 ? Scale.Orders : Math.Min(Scale.Orders, firstOrder + orders - 1);
        var lines = new LineorderRow[LineorderTable.MaxLinesPerOrder];
        for (var order = firstOrder; order <= last; order++)
        {
            var count = LineorderTable.Order(Seed, Scale, order, lines);
            for (var i = 0; i < count; i++)
            {
                yield return lines[i];
            }
        }
    }

    public IEnumerable<CustomerRow> Customers()
    {
        for (var key = 1L; key <= Scale.Customers; key++)
        {
            yield return GeographyTables.Customer(Seed, key);
        }
    }

    public IEnumerable<SupplierRow> Suppliers()
    {
        for (var key = 1L; key <= Scale.Suppliers; key++)
        {
            yield return GeographyTables.Supplier(Seed, key);
        }
    }

    public IEnumerable<PartRow> Parts()
    {
        for (var key = 1L; key <= Scale.Parts; key++)
        {
            yield return PartTable.Part(Seed, key);
        }
    }

    /// <summary>The same 2,557 days at every scale factor and seed.</summary>
    public static IEnumerable<DateRow> Dates()
    {
        for (var day = 0; day < SsbScale.DateRows; day++)
        {
            yield return DateRow.At(day);
        }
    }

    /// <summary>Writes one table to <paramref name="output"/> and returns its row count.</summary>
    public long WriteTable(SsbTable table, Stream output, SsbFileFormat format, IProgress<SsbProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (table == SsbTable.Lineorder)
        {
            return new LineorderWriter(Seed, Scale, format, Math.Max(1, Workers)).Write(output, progress);
        }

        var writer = new DelimitedRowWriter(format, FlushBytes + 4096);
        if (format == SsbFileFormat.Csv)
        {
            writer.Header(Columns(table));
        }

        var rows = table switch
        {
            SsbTable.Customer => Scale.Customers,
            SsbTable.Supplier => Scale.Suppliers,
            SsbTable.Part => Scale.Parts,
            SsbTable.Date => SsbScale.DateRows,
            _ => throw new ArgumentOutOfRangeException(nameof(table)),
        };
        for (var key = 1L; key <= rows; key++)
        {
            WriteRow(table, key, writer);
            if (writer.Length >= FlushBytes)
            {
                writer.WriteTo(output);
                progress?.Report(new SsbProgress(table, key, (double)key / rows));
            }
        }

        writer.WriteTo(output);
        progress?.Report(new SsbProgress(table, rows, 1));
        return rows;
    }

    /// <summary>Writes one table to a file, replacing it, and returns its row count.</summary>
    public long WriteTable(SsbTable table, string path, SsbFileFormat format, IProgress<SsbProgress>? progress = null)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        return WriteTable(table, file, format, progress);
    }

    /// <summary>Writes the five tables as lineorder.tbl, customer.tbl, … (or .csv) into <paramref name="directory"/>, creating it.</summary>
    public IReadOnlyDictionary<SsbTable, long> WriteFiles(string directory, SsbFileFormat format, IProgress<SsbProgress>? progress = null)
    {
        Directory.CreateDirectory(directory);
        var counts = new Dictionary<SsbTable, long>();
        foreach (var table in Tables)
        {
            counts[table] = WriteTable(table, Path.Combine(directory, FileName(table, format)), format, progress);
        }

        return counts;
    }

    /// <summary>
    /// Creates an Olap database in <paramref name="directory"/> with the SSB schema and loads every table: lineorder
    /// straight from the generator through an appender, the dimensions through COPY from a .tbl file staged in
    /// <paramref name="stagingDirectory"/> (a fresh temporary folder when null) and deleted once loaded.
    /// </summary>
    public IReadOnlyDictionary<SsbTable, long> WriteDatabase(string directory, string? stagingDirectory = null, IProgress<SsbProgress>? progress = null)
    {
        var staging = stagingDirectory ?? Path.Combine(Path.GetTempPath(), "olap-ssb-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            using var database = OlapDatabase.Open(directory);
            using var connection = database.Connect();
            connection.ExecuteScript(SsbSchema.Text);
            var counts = new Dictionary<SsbTable, long>();
            foreach (var table in Tables)
            {
                if (table == SsbTable.Lineorder)
                {
                    // The fact table goes straight from the generator into columns: no text to write and parse.
                    using var appender = connection.CreateAppender(TableName(table));
                    counts[table] = new LineorderLoader(Seed, Scale, Math.Max(1, Workers)).Load(appender, progress);
                    appender.Commit();
                    continue;
                }

                var file = Path.Combine(staging, FileName(table, SsbFileFormat.Tbl));
                counts[table] = WriteTable(table, file, SsbFileFormat.Tbl, progress);
                connection.Execute($"COPY {TableName(table)} FROM '{file.Replace("'", "''", StringComparison.Ordinal)}' (DELIMITER '|')");
                File.Delete(file);
            }

            return counts;
        }
        finally
        {
            if (stagingDirectory is null)
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private void WriteRow(SsbTable table, long key, DelimitedRowWriter writer)
    {
        switch (table)
        {
            case SsbTable.Customer:
                GeographyTables.Write(GeographyTables.Customer(Seed, key), writer);
                break;
            case SsbTable.Supplier:
                GeographyTables.Write(GeographyTables.Supplier(Seed, key), writer);
                break;
            case SsbTable.Part:
                PartTable.Write(PartTable.Part(Seed, key), writer);
                break;
            default:
                DateTable.Write(DateRow.At((int)key - 1), writer);
                break;
        }
    }
}
