using Olap.Datasets.Ssb;

namespace Olap.Datasets.Tests.Ssb;

/// <summary>Row counts follow SPEC.md §3: linear below SF 1, PART logarithmic from SF 1, DATE fixed.</summary>
public sealed class SsbScaleTests
{
    [Theory]
    [InlineData(0.01, 15_000, 300, 20, 2_000)]
    [InlineData(0.1, 150_000, 3_000, 200, 20_000)]
    [InlineData(1, 1_500_000, 30_000, 2_000, 200_000)]
    [InlineData(10, 15_000_000, 300_000, 20_000, 800_000)]
    [InlineData(100, 150_000_000, 3_000_000, 200_000, 1_400_000)]
    public void Counts_follow_the_spec_formulas(double scaleFactor, long orders, long customers, long suppliers, long parts)
    {
        var scale = new SsbScale(scaleFactor);
        Assert.Equal((orders, customers, suppliers, parts), (scale.Orders, scale.Customers, scale.Suppliers, scale.Parts));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(301)]
    [InlineData(double.NaN)]
    public void Scale_factors_outside_0_to_300_are_refused(double scaleFactor)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SsbScale(scaleFactor));
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.1)]
    public void Generated_tables_have_the_counted_rows(double scaleFactor)
    {
        var generator = new SsbGenerator(scaleFactor);
        var scale = generator.Scale;
        Assert.Equal(scale.Customers, generator.Customers().LongCount());
        Assert.Equal(scale.Suppliers, generator.Suppliers().LongCount());
        Assert.Equal(scale.Parts, generator.Parts().LongCount());
        Assert.Equal(SsbScale.DateRows, SsbGenerator.Dates().Count());

        // 1–7 lines per order, uniform: 4 on average, with a standard deviation of 2/√orders per order.
        var lines = generator.Lineorders().LongCount();
        var orders = generator.Lineorders().Count(l => l.LineNumber == 1);
        Assert.Equal(scale.Orders, orders);
        Assert.InRange(lines / (double)scale.Orders, 4 - (8 / Math.Sqrt(scale.Orders)), 4 + (8 / Math.Sqrt(scale.Orders)));
    }
}
