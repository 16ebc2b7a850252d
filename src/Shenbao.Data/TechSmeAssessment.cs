namespace Shenbao.Data;

/// <summary>
/// 科技型中小企业自评: one self-assessment an organisation's administrator recorded, kept as it was (a redo is a new
/// row). Facts is the `tech-sme` request it read, Result the response, so `tech-sme` can assess it again.
/// </summary>
public sealed class TechSmeAssessment
{
    public long Id { get; set; }
    public int OrganisationId { get; set; }
    /// <summary>The assessment year (评价年度); the standard reads the figures of the year before.</summary>
    public int Year { get; set; }
    public DateTimeOffset AssessedAt { get; set; }
    /// <summary>The date the assessment is made on (what a certificate's validity is judged against), in Beijing time.</summary>
    public DateOnly AsOf { get; set; }
    public required string StandardId { get; set; }
    public required string StandardVersion { get; set; }
    public bool Qualified { get; set; }
    /// <summary>"direct", "score", or null when not qualified.</summary>
    public string? Route { get; set; }
    public int? Total { get; set; }
    public required string Facts { get; set; }
    public required string Result { get; set; }
    public required string AssessedById { get; set; }
    public required string AssessedByName { get; set; }
}

public static class TechSmeAssessments
{
    /// <summary>The Attachment.Purpose of the 入库登记 proof: the proof of the profile's techSme group.</summary>
    public const string RegistrationProof = "proof:techSme";

    /// <summary>The Attachment.Purpose of the proof of a direct route ("proof:techSme:rd-institution").</summary>
    public static string ProofPurpose(string routeId) => $"{RegistrationProof}:{routeId}";

    /// <summary>
    /// The record of a decided self-assessment, and the organisation's profile fact the eligibility rule reads
    /// (techSme.selfAssessed, techSme.year) set from it: the only way that fact is written.
    /// </summary>
    public static TechSmeAssessment Record(
        Organisation organisation, Shenbao.Domain.TechSme.Standard standard, Shenbao.Domain.TechSme.Facts facts, Shenbao.Domain.TechSme.Assessment assessment,
        string userId, string userName, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(standard);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(assessment);
        if (!assessment.Decided)
            throw new InvalidOperationException("An undecided self-assessment (a fact that could change its outcome is missing) is not recorded.");
        var profile = System.Text.Json.Nodes.JsonNode.Parse(organisation.ProfileJson) as System.Text.Json.Nodes.JsonObject ?? [];
        profile["techSme"] = new System.Text.Json.Nodes.JsonObject { ["selfAssessed"] = true, ["year"] = facts.Year };
        organisation.ProfileJson = profile.ToJsonString(Shenbao.Domain.Eligibility.CheckJson.Options);
        return new TechSmeAssessment
        {
            OrganisationId = organisation.Id, Year = facts.Year, AssessedAt = at, AsOf = facts.AsOf,
            StandardId = standard.Id, StandardVersion = standard.Version,
            Qualified = assessment.Qualified, Route = assessment.Route, Total = assessment.Score?.Total,
            Facts = Shenbao.Domain.TechSme.TechSmeContract.Request(facts, standard).ToJsonString(Shenbao.Domain.Eligibility.CheckJson.Options),
            Result = Shenbao.Domain.TechSme.TechSmeContract.Response(assessment).ToJsonString(Shenbao.Domain.Eligibility.CheckJson.Options),
            AssessedById = userId, AssessedByName = userName,
        };
    }

    /// <summary>The conclusion in one line: "符合（直接认定）", "符合（评分 78 分）", "不符合（评分 52 分）", "不符合（未满足基本条件）".</summary>
    public static string Conclusion(this TechSmeAssessment record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var how = record.Route == "direct" ? "直接认定"
            // a score beside a failed condition would read as too low a score
            : !record.Qualified && FailsACondition(record) ? "未满足基本条件"
            : record.Total is { } total ? $"评分 {total} 分" : null;
        return (record.Qualified ? "符合科技型中小企业标准" : "不符合科技型中小企业标准") + (how is null ? "" : $"（{how}）");
    }

    private static bool FailsACondition(TechSmeAssessment record) =>
        (System.Text.Json.Nodes.JsonNode.Parse(record.Result)?["conditions"] as System.Text.Json.Nodes.JsonArray ?? [])
            .Any(c => c?["outcome"]?.GetValue<string>() != "pass");
}
