using Olap.Query.Binding;

namespace Olap.Query.Tests.Binding;

public sealed class NameSuggestionsTests
{
    private static readonly string[] s_columns = ["lo_orderkey", "lo_tax", "lo_revenue", "lo_quantity", "lo_discount"];

    [Theory]
    [InlineData("lo_tx", "lo_tax")]
    [InlineData("LO_REVNUE", "lo_revenue")]
    [InlineData("lo_quantiyt", "lo_quantity")]
    [InlineData("lo_orderky", "lo_orderkey")]
    [InlineData("c_custkey", null)]
    [InlineData("x", null)]
    public void The_closest_known_name_is_suggested_only_when_it_looks_like_a_typo(string name, string? expected)
        => Assert.Equal(expected, NameSuggestions.Closest(name, s_columns));

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "abc", 0)]
    [InlineData("abc", "abd", 1)]
    [InlineData("abc", "acb", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "four", 4)]
    public void Edit_distance_counts_insertions_deletions_substitutions_and_swaps(string a, string b, int expected)
        => Assert.Equal(expected, NameSuggestions.EditDistance(a, b));

    [Fact]
    public void A_message_gains_a_suggestion_when_there_is_one()
    {
        Assert.Equal("column lo_foo not found; did you mean lo_tax?", NameSuggestions.WithSuggestion("column lo_foo not found", "lo_foo", ["lo_tax", "lo_revenue"]));
        Assert.Equal("column zzz not found", NameSuggestions.WithSuggestion("column zzz not found", "zzz", ["lo_tax"]));
    }
}
