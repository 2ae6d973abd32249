using System.Reflection;

namespace Olap.Datasets.Ssb;

/// <summary>The SSB DDL (benchmarks/ssb/schema.sql, embedded so the generator runs from anywhere).</summary>
public static class SsbSchema
{
    private static readonly Lazy<string> s_text = new(Load);

    public static string Text => s_text.Value;

    private static string Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Olap.Datasets.Ssb.schema.sql")
            ?? throw new InvalidOperationException("The embedded SSB schema is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
