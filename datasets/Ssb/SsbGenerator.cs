using Olap.Query;

namespace Olap.Datasets.Ssb;

/// <summary>
/// The Star Schema Benchmark data generator: dbgen's tables, value domains and distributions (../shared/ssb/SPEC.md)
/// from dbgen's own random streams (<see cref="SsbStreams"/>): with the default seed the output is byte-identical
/// to dbgen's (one table per run), and any part of it can be made on any thread. Rows can be read one by one or written as .tbl, CSV or an Olap database.
/// </summary>
public sealed class SsbGenerator
{
    /// <summary>The seed whose streams are dbgen's own: data identical to dbgen's, one table per run.</summary>
    public const long DefaultSeed = 19_920_101;

    /// <summary>Bumped whenever the same scale factor and seed would give different data, so caches of older output are not reused.</summary>
    public const int DataVersion = 2;

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
        var draws = new OrderDraws(Seed, Scale, firstOrder);
        for (var order = firstOrder; order <= last; order++)
        {
            var count = draws.Next(lines);
            for (var i = 0; i < count; i++)
            {
                yield return lines[i];
            }
        }
    }

    public IEnumerable<CustomerRow> Customers()
    {
        var draws = new CustomerDraws(Seed, 1);
        for (var key = 1L; key <= Scale.Customers; key++)
        {
            yield return draws.Next();
        }
    }

    public IEnumerable<SupplierRow> Suppliers()
    {
        var draws = new SupplierDraws(Seed, 1);
        for (var key = 1L; key <= Scale.Suppliers; key++)
        {
            yield return draws.Next();
        }
    }

    public IEnumerable<PartRow> Parts()
    {
        var draws = new PartDraws(Seed, 1);
        for (var key = 1L; key <= Scale.Parts; key++)
        {
            yield return draws.Next();
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

        return table switch
        {
            SsbTable.Customer => WriteRows(table, Customers(), Scale.Customers, static (r, w) => GeographyTables.Write(r, w), writer, output, progress),
            SsbTable.Supplier => WriteRows(table, Suppliers(), Scale.Suppliers, static (r, w) => GeographyTables.Write(r, w), writer, output, progress),
            SsbTable.Part => WriteRows(table, Parts(), Scale.Parts, static (r, w) => PartTable.Write(r, w), writer, output, progress),
            SsbTable.Date => WriteRows(table, Dates(), SsbScale.DateRows, static (r, w) => DateTable.Write(r, w), writer, output, progress),
            _ => throw new ArgumentOutOfRangeException(nameof(table)),
        };
    }

    /// <summary>
    /// Writes the five tables as lineorder.parquet, customer.parquet, … into <paramref name="directory"/> (creating it):
    /// generated into a temporary Olap database first, so lineorder is in lo_orderdate order as the benchmark's
    /// physical design wants, then copied out with <c>COPY ... TO</c> (snappy, row groups of 122,880 rows).
    /// </summary>
    public IReadOnlyDictionary<SsbTable, long> WriteParquetFiles(string directory, IProgress<SsbProgress>? progress = null)
    {
        Directory.CreateDirectory(directory);
        var staging = Path.Combine(Path.GetTempPath(), "olap-ssb-parquet-" + Guid.NewGuid().ToString("N"));
        try
        {
            var counts = WriteDatabase(staging, progress: progress);
            using var database = OlapDatabase.Open(staging);
            using var session = database.Connect();
            foreach (var table in Tables)
            {
                var path = Path.Combine(directory, TableName(table) + ".parquet");
                session.Execute($"COPY \"{TableName(table)}\" TO '{path.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet)");
            }

            return counts;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static long WriteRows<T>(SsbTable table, IEnumerable<T> rows, long count, Action<T, DelimitedRowWriter> write, DelimitedRowWriter writer, Stream output, IProgress<SsbProgress>? progress)
    {
        var written = 0L;
        foreach (var row in rows)
        {
            write(row, writer);
            written++;
            if (writer.Length >= FlushBytes)
            {
                writer.WriteTo(output);
                progress?.Report(new SsbProgress(table, written, (double)written / count));
            }
        }

        writer.WriteTo(output);
        progress?.Report(new SsbProgress(table, written, 1));
        return written;
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
}
