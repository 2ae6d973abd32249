using System.Globalization;
using System.Text.RegularExpressions;
using Olap.Datasets.Ssb;

namespace Olap.Datasets.Tests.Ssb;

/// <summary>Every value of every column at SF 0.01, read back from the .tbl text: SPEC.md §2 domains and formats.</summary>
public sealed partial class SsbDomainTests(Sf001Files data) : IClassFixture<Sf001Files>
{
    private static readonly HashSet<string> s_nations = [.. SsbVocabulary.Nations];
    private static readonly HashSet<string> s_colors = [.. SsbVocabulary.Colors];

    [Fact]
    public void Lines_are_pipe_terminated_with_the_schemas_column_count()
    {
        foreach (var table in SsbGenerator.Tables)
        {
            foreach (var line in File.ReadLines(data.PathOf(table)))
            {
                Assert.EndsWith("|", line, StringComparison.Ordinal);
                Assert.Equal(SsbGenerator.Columns(table).Count, line.Split('|').Length - 1);
            }
        }
    }

    [Fact]
    public void Customers_have_dense_keys_and_dbgen_formats()
    {
        var key = 0L;
        foreach (var c in data.Rows(SsbTable.Customer))
        {
            Assert.Equal(++key, Long(c[0]));
            Assert.Equal($"Customer#{key:D9}", c[1]);
            CheckGeography(c[2..7]);
            Assert.Contains(c[7], SsbVocabulary.MarketSegments);
        }

        Assert.Equal(300, key);
    }

    [Fact]
    public void Suppliers_have_dense_keys_and_dbgen_formats()
    {
        var key = 0L;
        foreach (var s in data.Rows(SsbTable.Supplier))
        {
            Assert.Equal(++key, Long(s[0]));
            Assert.Equal($"Supplier#{key:D9}", s[1]);
            CheckGeography(s[2..7]);
        }

        Assert.Equal(20, key);
    }

    [Fact]
    public void Parts_have_dense_keys_and_the_brand_hierarchy()
    {
        var key = 0L;
        foreach (var p in data.Rows(SsbTable.Part))
        {
            Assert.Equal(++key, Long(p[0]));
            var words = p[1].Split(' ');
            Assert.Equal(2, words.Length);
            Assert.All(words, w => Assert.Contains(w, s_colors));
            Assert.Equal(3, new HashSet<string>([.. words, p[5]]).Count);
            Assert.Matches(Mfgr(), p[2]);
            Assert.Equal(p[2], p[3][..6]);
            Assert.Matches(Category(), p[3]);
            Assert.StartsWith(p[3], p[4], StringComparison.Ordinal);
            Assert.InRange(int.Parse(p[4][7..], CultureInfo.InvariantCulture), 1, 40);
            Assert.Matches(Brand(), p[4]);
            Assert.Contains(p[6], SsbVocabulary.PartTypes);
            Assert.InRange(Long(p[7]), 1, 50);
            Assert.Contains(p[8], SsbVocabulary.Containers);
        }

        Assert.Equal(2_000, key);
        Assert.Equal(150, SsbVocabulary.PartTypes.Distinct().Count());
        Assert.Equal(40, SsbVocabulary.Containers.Distinct().Count());
        Assert.Equal(92, s_colors.Count);
    }

    [Fact]
    public void Lineorders_keep_every_rule_of_the_fact_table()
    {
        var dates = new HashSet<long>(SsbGenerator.Dates().Select(d => (long)d.DateKey));
        var orders = new HashSet<long>();
        long previousKey = 0, expectedLine = 1;
        foreach (var l in data.Rows(SsbTable.Lineorder))
        {
            var orderKey = Long(l[0]);
            if (orderKey != previousKey)
            {
                Assert.True(orderKey > previousKey, "orders ascend");
                Assert.InRange(orderKey % 32, 0, 7);
                orders.Add(orderKey);
                previousKey = orderKey;
                expectedLine = 1;
            }

            Assert.Equal(expectedLine++, Long(l[1]));
            Assert.InRange(Long(l[1]), 1, 7);
            var custKey = Long(l[2]);
            Assert.InRange(custKey, 1, 300);
            Assert.NotEqual(0, custKey % 3);
            var partKey = Long(l[3]);
            Assert.InRange(partKey, 1, 2_000);
            Assert.InRange(Long(l[4]), 1, 20);
            var orderDate = Long(l[5]);
            Assert.Contains(orderDate, dates);
            Assert.InRange(orderDate, 19920101, 19980802);
            Assert.Contains(l[6], SsbVocabulary.OrderPriorities);
            Assert.Equal("0", l[7]);
            var quantity = Long(l[8]);
            Assert.InRange(quantity, 1, 50);
            var price = PartRow.RetailPrice(partKey);
            var extended = Long(l[9]);
            Assert.Equal(price * quantity, extended);
            var discount = Long(l[11]);
            Assert.InRange(discount, 0, 10);
            Assert.Equal(extended * (100 - discount) / 100, Long(l[12]));
            Assert.Equal(6 * price / 10, Long(l[13]));
            var tax = Long(l[14]);
            Assert.InRange(tax, 0, 8);
            var commit = Long(l[15]);
            Assert.Contains(commit, dates);
            var delay = DayNumber(commit) - DayNumber(orderDate);
            Assert.InRange(delay, 30, 90);
            Assert.Contains(l[16], SsbVocabulary.ShipModes);
        }

        Assert.Equal(new SsbScale(0.01).Orders, orders.Count);
    }

    [Fact]
    public void The_order_total_is_dbgens_sum_over_the_orders_lines()
    {
        foreach (var order in data.Rows(SsbTable.Lineorder).GroupBy(l => l[0]))
        {
            var sum = order.Sum(l => Long(l[9]) * (100 - Long(l[11])) / 100 * (100 + Long(l[14])) / 100);
            Assert.All(order, l => Assert.Equal(sum, Long(l[10])));
        }
    }

    [Fact]
    public void Dates_cover_1992_to_1998_with_dbgens_calendar_columns()
    {
        var rows = data.Rows(SsbTable.Date).ToList();
        Assert.Equal(2_557, rows.Count);
        Assert.Equal("19920101|January 1, 1992|Thursday|January|1992|199201|Jan1992|5|1|1|1|1|Winter|0|0|1|1", string.Join('|', rows[0]));
        Assert.Equal("19981231", rows[^1][0]);

        // 1994 week 6 (⌊day of year / 7⌋ + 1) is 4–10 February.
        var week6 = rows.Where(d => d[4] == "1994" && d[11] == "6").Select(d => d[0]).ToArray();
        Assert.Equal(["19940204", "19940205", "19940206", "19940207", "19940208", "19940209", "19940210"], week6);
        Assert.Equal(84, rows.Select(d => d[6]).Distinct().Count());
        Assert.Equal(7 * 10, rows.Count(d => d[15] == "1"));
        Assert.All(rows, d => Assert.Matches(DateText(), d[1]));
    }

    private static void CheckGeography(string[] fields)
    {
        var (address, city, nation, region, phone) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
        Assert.InRange(address.Length, 6, 24);
        Assert.All(address, ch => Assert.Contains(ch, SsbVocabulary.AddressAlphabet));
        Assert.Contains(nation, s_nations);
        var index = Array.IndexOf(SsbVocabulary.Nations, nation);
        Assert.Equal(SsbVocabulary.Regions[SsbVocabulary.NationRegion[index]], region);
        Assert.Equal(10, city.Length);
        Assert.Equal(nation.PadRight(9)[..9], city[..9]);
        Assert.True(char.IsAsciiDigit(city[9]));
        Assert.Matches(Phone(), phone);
        Assert.Equal(10 + index, int.Parse(phone[..2], CultureInfo.InvariantCulture));
    }

    private static long Long(string text) => long.Parse(text, CultureInfo.InvariantCulture);

    private static int DayNumber(long dateKey) =>
        new DateOnly((int)(dateKey / 10000), (int)(dateKey / 100 % 100), (int)(dateKey % 100)).DayNumber;

    [GeneratedRegex(@"^\d{2}-\d{3}-\d{3}-\d{4}$")]
    private static partial Regex Phone();

    [GeneratedRegex(@"^MFGR#[1-5]$")]
    private static partial Regex Mfgr();

    [GeneratedRegex(@"^MFGR#[1-5][1-5]$")]
    private static partial Regex Category();

    [GeneratedRegex(@"^MFGR#[1-5][1-5]([1-9]|[1-3][0-9]|40)$")]
    private static partial Regex Brand();

    [GeneratedRegex(@"^(January|February|March|April|May|June|July|August|September|October|November|December) [1-9][0-9]?, 199[2-8]$")]
    private static partial Regex DateText();
}
