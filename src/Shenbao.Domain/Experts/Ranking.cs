using Shenbao.Domain.Guides;

namespace Shenbao.Domain.Experts;

/// <summary>An application's submitted reviews (each expert's total), how many it should have, and what breaks a tie last.</summary>
public sealed record Reviewed(int ApplicationId, string Number, IReadOnlyList<decimal> Totals, int Expected, DateTimeOffset SubmittedAt);

/// <summary>What a person must look at before the ranking is used.</summary>
public enum Attention
{
    /// <summary>缺评: fewer submitted reviews than the rubric asks for.</summary>
    Missing,
    /// <summary>离群: a score more than the rubric's outlierFromMedian points from the application's median.</summary>
    Outlier,
}

/// <summary>One line of the ranking.</summary>
public sealed record Ranked(Reviewed Application, int Rank, decimal? Mean, decimal? TrimmedMean, decimal? Score, decimal? Spread, decimal? Median,
    IReadOnlyList<decimal> Outliers, IReadOnlyList<Attention> Flags)
{
    public bool Trimmed => TrimmedMean is not null;
}

/// <summary>
/// 评审结果排序, per category. An application's score is the mean of its submitted reviews; with the rubric's trimFrom
/// (5) reviews or more, the mean without one highest and one lowest score (a single expert's extreme then moves
/// nothing). The spread is the highest minus the lowest. Flags: 缺评 (fewer reviews than the rubric's experts) and
/// 离群 (a score more than outlierFromMedian points from the median). Ties are broken, in order, by
/// <see cref="TieBreaks"/>; applications without any review come last, unranked.
/// </summary>
public static class Ranking
{
    /// <summary>The tie-break order, as the ranking page states it.</summary>
    public static readonly IReadOnlyList<string> TieBreaks =
    [
        "得分（5份及以上评审时为去掉一个最高分和一个最低分后的平均分，否则为平均分）高者在前",
        "得分相同时，全部评审的平均分高者在前",
        "仍相同时，最低分高者在前（专家意见更一致）",
        "仍相同时，提交时间早者在前",
        "仍相同时，按申报编号",
    ];

    public static IReadOnlyList<Ranked> Of(IEnumerable<Reviewed> applications, Rubric rubric)
    {
        ArgumentNullException.ThrowIfNull(applications);
        ArgumentNullException.ThrowIfNull(rubric);
        var lines = applications.Select(a => Line(a, rubric)).ToList();
        var ordered = lines.Where(l => l.Score is not null)
            .OrderByDescending(l => l.Score).ThenByDescending(l => l.Mean).ThenByDescending(l => l.Application.Totals.Min())
            .ThenBy(l => l.Application.SubmittedAt).ThenBy(l => l.Application.Number, StringComparer.Ordinal)
            .Select((l, i) => l with { Rank = i + 1 })
            .ToList();
        return [.. ordered, .. lines.Where(l => l.Score is null).OrderBy(l => l.Application.Number, StringComparer.Ordinal)];
    }

    private static Ranked Line(Reviewed application, Rubric rubric)
    {
        var totals = application.Totals.Order().ToList();
        var flags = new List<Attention>();
        if (totals.Count < application.Expected) flags.Add(Attention.Missing);
        if (totals.Count == 0) return new Ranked(application, 0, null, null, null, null, null, [], flags);
        var mean = Round(totals.Average());
        decimal? trimmed = totals.Count >= rubric.TrimFrom ? Round(totals.Skip(1).SkipLast(1).Average()) : null;
        var median = totals.Count % 2 == 1 ? totals[totals.Count / 2] : (totals[totals.Count / 2 - 1] + totals[totals.Count / 2]) / 2;
        var outliers = totals.Where(t => Math.Abs(t - median) > rubric.OutlierFromMedian).ToList();
        if (outliers.Count > 0) flags.Add(Attention.Outlier);
        return new Ranked(application, 0, mean, trimmed, trimmed ?? mean, totals[^1] - totals[0], median, outliers, flags);
    }

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public static string Label(Attention flag) => flag switch
    {
        Attention.Missing => "缺评",
        Attention.Outlier => "离群分",
        _ => flag.ToString(),
    };
}
