using Olap.Columnar.Types;

namespace Olap.Columnar.Tests.TestSupport;

/// <summary>Every column type once, DECIMAL as DECIMAL(18,4); theories take the type by its SQL name.</summary>
public static class ColumnTypes
{
    public static IReadOnlyList<ColumnType> All { get; } =
    [
        ColumnType.Boolean,
        ColumnType.SmallInt,
        ColumnType.Integer,
        ColumnType.BigInt,
        ColumnType.Double,
        ColumnType.Decimal(18, 4),
        ColumnType.Varchar,
        ColumnType.Date,
        ColumnType.Timestamp,
    ];

    public static IReadOnlyList<ColumnType> Integral { get; } = [.. All.Where(type => type.IsIntegral)];

    public static TheoryData<string> Names
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (var type in All)
            {
                names.Add(type.ToString());
            }

            return names;
        }
    }

    public static ColumnType Parse(string name) => All.Single(type => type.ToString() == name);

    /// <summary>The values a column of <paramref name="type"/> holds as integers (BOOLEAN is 0 or 1).</summary>
    public static (long Min, long Max) IntegralDomain(ColumnType type) => type.Physical switch
    {
        PhysicalKind.Int8 => (0, 1),
        PhysicalKind.Int16 => (short.MinValue, short.MaxValue),
        PhysicalKind.Int32 => (int.MinValue, int.MaxValue),
        _ => (long.MinValue, long.MaxValue),
    };
}
