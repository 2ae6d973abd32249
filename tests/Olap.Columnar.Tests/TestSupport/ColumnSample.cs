using Olap.Columnar.Types;
using Olap.Columnar.Vectors;

namespace Olap.Columnar.Tests.TestSupport;

/// <summary>A column chunk as test data: a type, one value per row (<see cref="ScalarValue.Null"/> for NULL), and the shape it was drawn as.</summary>
public sealed class ColumnSample
{
    public ColumnSample(ColumnType type, string shape, ScalarValue[] values)
    {
        Type = type;
        Shape = shape;
        Values = values;
    }

    public ColumnType Type { get; }

    public string Shape { get; }

    public ScalarValue[] Values { get; }

    public int Count => Values.Length;

    public int NullCount => Values.Count(value => value.IsNull);

    /// <summary>Distinct non-NULL values, doubles told apart by bit pattern.</summary>
    public int DistinctCount => Values.Where(value => !value.IsNull).Select(Scalars.DistinctKey).Distinct().Count();

    /// <summary>Whether the non-NULL values, in row order, never decrease.</summary>
    public bool IsNonDecreasing
    {
        get
        {
            ScalarValue? previous = null;
            foreach (var value in Values)
            {
                if (value.IsNull)
                {
                    continue;
                }

                if (previous is { } p && Scalars.TotalCompare(value, p) < 0)
                {
                    return false;
                }

                previous = value;
            }

            return true;
        }
    }

    /// <summary>A fresh flat vector of the values, NULL rows marked invalid; analysis may overwrite its placeholders.</summary>
    public ColumnVector ToVector()
    {
        var builder = new ColumnBuilder(Type, Count);
        foreach (var value in Values)
        {
            builder.Append(value);
        }

        return builder.ToVector();
    }

    public override string ToString()
    {
        const int Shown = 8;
        var head = string.Join(", ", Values.Take(Shown).Select(Scalars.Show));
        return $"{Shape} {Type} × {Count} ({NullCount} NULL): [{head}{(Count > Shown ? ", …" : "")}]";
    }
}
