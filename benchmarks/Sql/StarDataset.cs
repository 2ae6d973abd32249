using System.Globalization;
using System.Text;

namespace Olap.Benchmarks.Sql;

/// <summary>
/// The data of the SQL benchmarks: a fact table and a dimension, written once as CSV files into a cache directory under
/// the system temp directory and reused by later runs. The content depends only on the row count and the seed, so both
/// engines, and every run, load the same bytes.
/// </summary>
/// <remarks>
/// fact (10,000,000 rows): id BIGINT (row number), k_low INTEGER (10 distinct), k_high INTEGER (about 1,000,000
/// distinct), dim_id INTEGER (foreign key into dim), amount INTEGER (0..100000), price DOUBLE (two decimals,
/// 1.00..1000.00), d DATE (2018-01-01 .. 2024-12-31).
/// dim (10,000 rows): dim_id INTEGER (0..9999), category VARCHAR (20 distinct), region VARCHAR (5 distinct).
/// </remarks>
internal sealed class StarDataset
{
    public const long DefaultFactRows = 10_000_000;
    public const int DimRows = 10_000;
    public const ulong DefaultSeed = 20261125;

    /// <summary>Bump when the generator's output changes, so stale cached files are not reused.</summary>
    private const int FormatVersion = 1;

    private const int LowKeys = 10;
    private const int HighKeys = 1_000_000;
    private const int MaxAmount = 100_000;
    private const int DateDays = 2557; // 2018-01-01 .. 2024-12-31
    private static readonly DateOnly s_firstDate = new(2018, 1, 1);
    private static readonly string[] s_regions = ["EU", "NA", "APAC", "LATAM", "MEA"];

    public const string FactSchema =
        "CREATE TABLE fact (id BIGINT, k_low INTEGER, k_high INTEGER, dim_id INTEGER, amount INTEGER, price DOUBLE, d DATE)";

    public const string DimSchema = "CREATE TABLE dim (dim_id INTEGER, category VARCHAR, region VARCHAR)";

    private StarDataset(string factPath, string dimPath, long factRows)
    {
        FactPath = factPath;
        DimPath = dimPath;
        FactRows = factRows;
    }

    public string FactPath { get; }

    public string DimPath { get; }

    public long FactRows { get; }

    /// <summary>The cached files for <paramref name="factRows"/> and <paramref name="seed"/>, generated if missing.</summary>
    public static StarDataset Ensure(long factRows = DefaultFactRows, ulong seed = DefaultSeed)
    {
        var directory = Path.Combine(Path.GetTempPath(), "olap-bench-data");
        Directory.CreateDirectory(directory);
        var stem = string.Create(CultureInfo.InvariantCulture, $"v{FormatVersion}-seed{seed}");
        var factPath = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"fact-{factRows}-{stem}.csv"));
        var dimPath = Path.Combine(directory, $"dim-{DimRows}-{stem}.csv");
        EnsureFile(dimPath, writer => WriteDim(writer, seed));
        EnsureFile(factPath, writer => WriteFact(writer, factRows, seed));
        return new StarDataset(factPath, dimPath, factRows);
    }

    /// <summary>
    /// Writes the file unless it is there with the length recorded when it was written. Files are written to a
    /// temporary name and renamed, so a crashed run leaves nothing that looks complete.
    /// </summary>
    private static void EnsureFile(string path, Action<TextWriter> write)
    {
        var lengthPath = path + ".length";
        if (File.Exists(path) && File.Exists(lengthPath)
            && long.TryParse(File.ReadAllText(lengthPath), NumberStyles.None, CultureInfo.InvariantCulture, out var expected)
            && new FileInfo(path).Length == expected)
        {
            return;
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 20))
        {
            write(writer);
        }

        var length = new FileInfo(temporary).Length;
        File.Move(temporary, path, overwrite: true);
        File.WriteAllText(lengthPath, length.ToString(CultureInfo.InvariantCulture));
        Console.WriteLine($"// generated {path}: {length:N0} bytes in {started.Elapsed.TotalSeconds:F1} s");
    }

    private static void WriteDim(TextWriter writer, ulong seed)
    {
        var random = new SplitMix64(seed ^ 0xD1B54A32D192ED03UL);
        writer.Write("dim_id,category,region\n");
        for (var id = 0; id < DimRows; id++)
        {
            var category = (int)random.Next(20);
            var region = s_regions[(int)random.Next((ulong)s_regions.Length)];
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{id},category_{category:D2},{region}\n"));
        }
    }

    private static void WriteFact(TextWriter writer, long rows, ulong seed)
    {
        var random = new SplitMix64(seed);
        writer.Write("id,k_low,k_high,dim_id,amount,price,d\n");
        Span<char> line = stackalloc char[128];
        for (long id = 0; id < rows; id++)
        {
            var position = 0;
            Append(line, ref position, id);
            line[position++] = ',';
            Append(line, ref position, (long)random.Next(LowKeys));
            line[position++] = ',';
            Append(line, ref position, (long)random.Next(HighKeys));
            line[position++] = ',';
            Append(line, ref position, (long)random.Next(DimRows));
            line[position++] = ',';
            Append(line, ref position, (long)random.Next(MaxAmount + 1));
            line[position++] = ',';

            // A price with two decimals: both engines parse the same text to the same double.
            var cents = 100 + (long)random.Next(100_000 - 100 + 1);
            Append(line, ref position, cents / 100);
            line[position++] = '.';
            var fraction = (int)(cents % 100);
            line[position++] = (char)('0' + (fraction / 10));
            line[position++] = (char)('0' + (fraction % 10));
            line[position++] = ',';

            var date = s_firstDate.AddDays((int)random.Next(DateDays));
            date.TryFormat(line[position..], out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            position += written;
            line[position++] = '\n';
            writer.Write(line[..position]);
        }
    }

    private static void Append(Span<char> line, ref int position, long value)
    {
        value.TryFormat(line[position..], out var written, default, CultureInfo.InvariantCulture);
        position += written;
    }

    /// <summary>A small, fast, seeded generator whose output does not depend on the .NET version.</summary>
    private struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        /// <summary>A value in [0, <paramref name="bound"/>) (the tiny modulo bias does not matter here).</summary>
        public ulong Next(ulong bound)
        {
            _state += 0x9E3779B97F4A7C15UL;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return z % bound;
        }
    }
}
