using System.Data.Common;
using System.Globalization;

namespace Olap.Data;

/// <summary>
/// <c>Data Source=path</c> (a database folder, created if missing) or <c>Data Source=:memory:</c> (a private
/// database that lives as long as the connection), and optionally <c>Threads=n</c> (workers per query; every core
/// by default) and <c>Mode=ReadOnly</c> (queries only, alongside another process that writes; <c>ReadWrite</c> by
/// default).
/// </summary>
public sealed class OlapConnectionStringBuilder : DbConnectionStringBuilder
{
    public const string DataSourceKey = "Data Source";
    public const string ThreadsKey = "Threads";
    public const string ModeKey = "Mode";
    public const string InMemory = ":memory:";

    public OlapConnectionStringBuilder()
    {
    }

    public OlapConnectionStringBuilder(string? connectionString) => ConnectionString = connectionString ?? "";

    public string DataSource
    {
        get => TryGetValue(DataSourceKey, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "" : "";
        set => this[DataSourceKey] = value;
    }

    /// <summary>Workers per query; null for every core.</summary>
    public int? Threads
    {
        get
        {
            if (!TryGetValue(ThreadsKey, out var value))
            {
                return null;
            }

            var text = Convert.ToString(value, CultureInfo.InvariantCulture);
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var threads) && threads >= 1
                ? threads
                : throw new ArgumentException($"Threads must be a whole number of at least 1, not '{text}'.");
        }

        set
        {
            if (value is null)
            {
                Remove(ThreadsKey);
            }
            else
            {
                this[ThreadsKey] = value.Value;
            }
        }
    }

    /// <summary>ReadWrite (the default: queries and changes, one process at a time) or ReadOnly.</summary>
    public Olap.Columnar.Storage.DatabaseOpenMode Mode
    {
        get
        {
            if (!TryGetValue(ModeKey, out var value))
            {
                return Olap.Columnar.Storage.DatabaseOpenMode.ReadWrite;
            }

            var text = Convert.ToString(value, CultureInfo.InvariantCulture)?.Replace(" ", "", StringComparison.Ordinal);
            return Enum.TryParse<Olap.Columnar.Storage.DatabaseOpenMode>(text, ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !int.TryParse(text, out _)
                ? mode
                : throw new ArgumentException($"Mode must be ReadWrite or ReadOnly, not '{value}'.");
        }

        set => this[ModeKey] = value.ToString();
    }

    public override object this[string keyword]
    {
        get => base[Canonical(keyword)];
#pragma warning disable CS8765 // The base setter accepts null to remove a key; so does this one.
        set => base[Canonical(keyword)] = value;
#pragma warning restore CS8765
    }

    public override bool TryGetValue(string keyword, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out object? value) => base.TryGetValue(Canonical(keyword), out value);

    public override bool Remove(string keyword) => base.Remove(Canonical(keyword));

    public override bool ContainsKey(string keyword) => base.ContainsKey(Canonical(keyword));

    /// <summary>Accepts the spellings other providers use (DataSource, Database, Filename) and rejects unknown keys.</summary>
    private static string Canonical(string keyword) => keyword.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant() switch
    {
        "datasource" or "database" or "filename" or "path" => DataSourceKey,
        "threads" => ThreadsKey,
        "mode" or "accessmode" => ModeKey,
        _ => throw new ArgumentException($"Unknown connection string keyword '{keyword}' (known: Data Source, Threads, Mode)."),
    };
}
