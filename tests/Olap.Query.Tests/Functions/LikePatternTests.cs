using System.Text.RegularExpressions;
using Olap.Query.Functions;

namespace Olap.Query.Tests.Functions;

public sealed class LikePatternTests
{
    [Theory]
    [InlineData("MFGR#22%", "MFGR#2221", true)]
    [InlineData("MFGR#22%", "MFGR#1221", false)]
    [InlineData("%ASIA", "SOUTH ASIA", true)]
    [InlineData("%ASIA", "ASIAN", false)]
    [InlineData("%KI%", "UNITED KI1", true)]
    [InlineData("%KI%", "UNITED KINGDOM", true)]
    [InlineData("%KI%", "UNITED", false)]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "abcd", false)]
    [InlineData("%", "", true)]
    [InlineData("%%", "anything", true)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    [InlineData("_", "", false)]
    [InlineData("_", "é", true)]
    [InlineData("__", "é", false)]
    [InlineData("_b_", "日b本", true)]
    [InlineData("a%b%c", "a-b-c", true)]
    [InlineData("a%b%c", "a-c-b", false)]
    [InlineData("a%bc", "abcbc", true)]
    [InlineData("%a_c%", "xxabcyy", true)]
    [InlineData("%a_c", "abcabc", true)]
    [InlineData("%a_c", "abcab", false)]
    [InlineData("a_%_c", "abc", false)]
    [InlineData("a_%_c", "abbc", true)]
    [InlineData("%🚀_", "go🚀!", true)]
    public void Percent_matches_any_run_and_underscore_one_character(string pattern, string value, bool expected)
        => Assert.Equal(expected, LikePattern.Compile(pattern).IsMatch(value));

    [Theory]
    [InlineData(@"100\%", "100%", true)]
    [InlineData(@"100\%", "1000", false)]
    [InlineData(@"a\_b", "a_b", true)]
    [InlineData(@"a\_b", "axb", false)]
    [InlineData(@"a\\b", @"a\b", true)]
    public void An_escape_character_makes_wildcards_literal(string pattern, string value, bool expected)
        => Assert.Equal(expected, LikePattern.Compile(pattern, '\\').IsMatch(value));

    [Fact]
    public void A_pattern_ending_in_its_escape_character_is_refused()
        => Assert.Throws<FormatException>(() => LikePattern.Compile("abc\\", '\\'));

    [Fact]
    public void Random_patterns_agree_with_a_regular_expression()
    {
        var random = new Random(7);
        const string alphabet = "ab%_é";
        for (var round = 0; round < 3000; round++)
        {
            var pattern = new string([.. Enumerable.Range(0, random.Next(0, 7)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var value = new string([.. Enumerable.Range(0, random.Next(0, 8)).Select(_ => "abé"[random.Next(3)])]);
            var regex = "^" + string.Concat(pattern.Select(c => c switch { '%' => ".*", '_' => ".", _ => Regex.Escape(c.ToString()) })) + "$";

            var expected = Regex.IsMatch(value, regex, RegexOptions.Singleline);

            Assert.True(expected == LikePattern.Compile(pattern).IsMatch(value), $"'{value}' LIKE '{pattern}' should be {expected}");
        }
    }
}
