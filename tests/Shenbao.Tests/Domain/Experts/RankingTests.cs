using Shenbao.Domain.Experts;
using Shenbao.Domain.Guides;

namespace Shenbao.Tests.Domain.Experts;

/// <summary>Aggregation: the mean, the trimmed mean from five reviews, the spread, the outlier and missing flags, and the stated tie-breaks.</summary>
public sealed class RankingTests
{
    private static readonly Rubric Rubric = new("r", "示例", 3, 100, [new("a", "创新性", 60, "…"), new("b", "可行性", 40, "…")], TrimFrom: 5, OutlierFromMedian: 20, Example: true);
    private static readonly DateTimeOffset Early = new(2025, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static Reviewed App(string number, decimal[] totals, int expected = 3, int hoursLater = 0) =>
        new(int.Parse(number[1..], System.Globalization.CultureInfo.InvariantCulture), number, totals, expected, Early.AddHours(hoursLater));

    private static Ranked One(decimal[] totals, int expected = 3) => Assert.Single(Ranking.Of([App("A001", totals, expected)], Rubric));

    [Fact]
    public void Under_five_reviews_the_score_is_the_mean()
    {
        var line = One([80, 85, 90]);
        Assert.Equal((85m, (decimal?)null, 85m, 10m), (line.Mean!.Value, line.TrimmedMean, line.Score!.Value, line.Spread!.Value));
        Assert.False(line.Trimmed);
    }

    [Fact]
    public void From_five_reviews_one_highest_and_one_lowest_are_dropped()
    {
        var line = One([70, 80, 82, 84, 99], expected: 5);
        Assert.Equal(83m, line.Mean);
        Assert.Equal(82m, line.TrimmedMean);
        Assert.Equal(82m, line.Score);
        Assert.Equal(29m, line.Spread);
        // four reviews of five expected: not trimmed, and missing one
        var four = One([70, 80, 82, 84], expected: 5);
        Assert.Null(four.TrimmedMean);
        Assert.Equal([Attention.Missing], four.Flags);
    }

    [Theory]
    [InlineData(59.5, true)]
    [InlineData(60, false)]
    [InlineData(61, false)]
    public void A_score_more_than_the_rubric_s_distance_from_the_median_is_flagged(double low, bool flagged)
    {
        var line = One([80, 82, (decimal)low]);
        Assert.Equal(80m, line.Median);
        Assert.Equal(flagged, line.Flags.Contains(Attention.Outlier));
        Assert.Equal(flagged ? [(decimal)low] : [], line.Outliers);
    }

    [Fact]
    public void Fewer_reviews_than_the_rubric_asks_for_are_flagged_missing_and_none_at_all_is_unranked_last()
    {
        var ranking = Ranking.Of([App("A003", []), App("A002", [70, 75]), App("A001", [60, 61, 62])], Rubric);
        Assert.Equal(["A002", "A001", "A003"], ranking.Select(r => r.Application.Number));
        Assert.Equal([1, 2, 0], ranking.Select(r => r.Rank));
        Assert.Equal([Attention.Missing], ranking[0].Flags);
        Assert.Null(ranking[2].Score);
        Assert.Equal([Attention.Missing], ranking[2].Flags);
    }

    [Fact]
    public void Ties_are_broken_by_the_mean_then_the_lowest_score_then_the_earlier_submission_then_the_number()
    {
        var ranking = Ranking.Of(
        [
            App("A005", [80, 80, 80], hoursLater: 1),
            App("A004", [80, 80, 80], hoursLater: 0),
            App("A003", [70, 80, 80, 80, 90], expected: 5),   // trimmed 80, mean 80, lowest 70
            App("A002", [75, 80, 80, 80, 100], expected: 5),  // trimmed 80, mean 83: first
            App("A006", [80, 80, 80], hoursLater: 0),         // same as A004 to the hour: by number
        ], Rubric);
        Assert.Equal(["A002", "A004", "A006", "A005", "A003"], ranking.Select(r => r.Application.Number));
        Assert.Equal([1, 2, 3, 4, 5], ranking.Select(r => r.Rank));
    }
}
