using Apache.Arrow;
using Apache.Arrow.Types;
using Dapper;

namespace Olap.Data.Tests;

/// <summary>
/// The README's "Using Olap from .NET" example, compiled and run by <see cref="ReadmeExampleTests"/>; the README holds
/// the text between the markers verbatim, and the test fails when the two drift apart.
/// </summary>
public static class ReadmeExample
{
    public sealed record Sale(DateOnly Day, string Region, decimal Amount);

    public static async Task<(List<Sale> Large, long ArrowRows, decimal ParquetTotal, long Targets)> Run(string folder, TextWriter console)
    {
        // README:begin
        // A database is a folder (created if missing); "Data Source=:memory:" gives a private scratch one.
        await using var connection = new OlapConnection($"Data Source={folder}");
        await connection.OpenAsync();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE sales (day DATE, region VARCHAR, amount DECIMAL(12,2)) SORTED BY (day)";
            await create.ExecuteNonQueryAsync();
        }

        // Bulk loads from .NET values: rows appear all at once on Commit.
        using (var appender = connection.CreateAppender("sales"))
        {
            for (var i = 0; i < 1_000; i++)
            {
                appender.Append(new DateOnly(2024, 1, 1).AddDays(i % 366)).Append(i % 2 == 0 ? "north" : "south").Append(i * 1.25m).EndRow();
            }

            appender.Commit();
        }

        // ADO.NET: parameters as $1, ?, @name or :name; typed getters; the reader streams the rows.
        using (var query = new OlapCommand("SELECT region, sum(amount) FROM sales WHERE day >= @from GROUP BY region ORDER BY region", connection))
        {
            query.Parameters.AddWithValue("from", new DateOnly(2024, 6, 1));
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                console.WriteLine($"{reader.GetString(0)}: {reader.GetDecimal(1)}");
            }
        }

        // Dapper: rows as records, IN lists from collections.
        var large = connection.Query<Sale>(
            "SELECT day, region, amount FROM sales WHERE amount > @min AND region IN @regions ORDER BY amount",
            new { min = 1_200m, regions = new[] { "north" } }).ToList();

        // Arrow out: the rows as record batches, straight from the engine.
        long arrowRows = 0;
        using (var arrow = new OlapCommand("SELECT region, amount FROM sales", connection).ExecuteArrow())
        {
            while (arrow.ReadNextRecordBatch() is { } batch)
            {
                arrowRows += batch.Length;
            }
        }

        // Arrow in: record batches queried as a table, without loading them.
        var schema = new Schema.Builder().Field(f => f.Name("region").DataType(StringType.Default)).Build();
        var regions = new StringArray.Builder().Append("north").Build();
        connection.RegisterArrow("targets", schema, [new RecordBatch(schema, [regions], regions.Length)]);
        var targets = connection.ExecuteScalar<long>("SELECT count(*) FROM sales JOIN targets ON sales.region = targets.region");

        // Parquet: written with COPY, queried in place (globs and read_parquet(..., hive_partitioning = true) too).
        var parquet = Path.Combine(folder, "sales.parquet");
        connection.Execute($"COPY sales TO '{parquet}' (FORMAT parquet, COMPRESSION zstd)");
        var parquetTotal = connection.ExecuteScalar<decimal>($"SELECT sum(amount) FROM '{parquet}'");
        // README:end

        return (large, arrowRows, parquetTotal, targets);
    }
}
