using System.Text.Json;
using Shenbao.Domain.Applications;

namespace Shenbao.Tests.Domain;

/// <summary>The frozen submission: one hash for the same content however it is ordered, and every change found and named.</summary>
public sealed class SnapshotTests
{
    private static readonly RuleResult Passed = new("hte", "一、支持对象", Outcome.Pass, "高新技术企业证书有效期至2027年11月30日");
    private static readonly RuleResult Warned = new("field-in-list", "三、支持领域", Outcome.Warn, "“量子信息”不在指南列举的领域中");
    private static readonly FileRef Contract = new("contract", "合同.pdf", new string('a', 64), 1234);
    private static readonly FileRef Proof = new("proof:finance", "审计报告.pdf", new string('b', 64), 5678);

    private static Snapshot Take(string form = """{"project.title":"标题","application.field":"量子信息"}""", params FileRef[] files) =>
        Snapshot.Take("HENGYANG-2025-00001-1", "HENGYANG-2025-00001", "user-1", new DateTimeOffset(2025, 6, 20, 9, 30, 15, 123, TimeSpan.FromHours(8)).AddTicks(4567),
            "hengyang-2025", "2025.1", new DateOnly(2025, 6, 20),
            JsonNode.Parse("""{"asOf":"2025-06-20","applicant":{"kind":"enterprise","creditCode":"91430408MA7B2C3D4Y"},"application":{"category":"key-rd"}}""")!.AsObject(),
            JsonSerializer.Deserialize<Dictionary<string, string>>(form)!, new Dictionary<string, string> { ["field-in-list"] = "新兴产业" },
            [Passed, Warned], files.Length == 0 ? [Contract, Proof] : files);

    private static string? Present(string sha) => sha;

    [Fact]
    public void The_same_content_in_another_order_gives_the_same_hash()
    {
        var one = Take();
        var other = Take("""{"application.field":"量子信息","project.title":"标题"}""", Proof, Contract);

        Assert.Equal(one.Hash(), other.Hash());
        Assert.Matches("^[0-9a-f]{64}$", one.Hash());
        Assert.Equal(Snapshot.Sha256(one.Manifest()), one.Hash());
    }

    [Fact]
    public void The_time_is_kept_to_the_millisecond_every_database_keeps()
    {
        Assert.Equal(0, Take().SubmittedAt.UtcTicks % TimeSpan.TicksPerMillisecond);
        Assert.Contains("\"submittedAt\":\"2025-06-20T01:30:15.123Z\"", Take().Manifest(), StringComparison.Ordinal);
    }

    [Fact]
    public void Any_change_of_content_changes_the_hash()
    {
        Assert.NotEqual(Take().Hash(), Take("""{"project.title":"另一个标题","application.field":"量子信息"}""").Hash());
        Assert.NotEqual(Take().Hash(), Take(files: [Contract with { Sha256 = new string('c', 64) }, Proof]).Hash());
        Assert.NotEqual(Take().Hash(), (Take() with { GuideVersion = "2025.2" }).Hash());
    }

    [Fact]
    public void Its_parts_read_back_as_what_was_frozen()
    {
        var snapshot = Take();

        Assert.Equal("量子信息", snapshot.FormValues["application.field"]);
        Assert.Equal("新兴产业", snapshot.JustificationValues["field-in-list"]);
        Assert.Equal([Passed, Warned], snapshot.RuleResults);
        Assert.Equal([Contract, Proof], snapshot.FileRefs);
    }

    [Fact]
    public void A_snapshot_that_was_not_touched_verifies()
    {
        var snapshot = Take();

        Assert.Empty(snapshot.Verify(snapshot.Hash(), snapshot.Manifest(), Present));
    }

    [Fact]
    public void A_changed_part_is_named()
    {
        var original = Take();
        var changed = original with { Results = original.Results.Replace("warn", "pass", StringComparison.Ordinal) };

        var difference = Assert.Single(changed.Verify(original.Hash(), original.Manifest(), Present));

        Assert.StartsWith("快照的 results 部分已改变", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_time_is_named_with_both_values()
    {
        var original = Take();
        var changed = original with { SubmittedAt = original.SubmittedAt.AddHours(-1) };

        var difference = Assert.Single(changed.Verify(original.Hash(), original.Manifest(), Present));

        Assert.Contains("submittedAt", difference, StringComparison.Ordinal);
        Assert.Contains("2025-06-20T01:30:15.123Z", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_rewritten_to_match_a_changed_part_no_longer_matches_the_receipt()
    {
        var original = Take();
        var changed = original with { Form = original.Form.Replace("标题", "改过的标题", StringComparison.Ordinal) };

        var difference = Assert.Single(changed.Verify(original.Hash(), changed.Manifest(), Present));

        Assert.StartsWith($"回执哈希 {original.Hash()} 与提交时记录的清单不符", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_changed_file_is_named()
    {
        var snapshot = Take();

        var differences = snapshot.Verify(snapshot.Hash(), snapshot.Manifest(),
            sha => sha == Contract.Sha256 ? null : new string('d', 64));

        Assert.Equal(2, differences.Count);
        Assert.Contains("文件“合同.pdf”（contract，SHA-256 " + Contract.Sha256 + "）已不在文件库中", differences);
        Assert.Contains(differences, d => d.StartsWith("文件“审计报告.pdf”（proof:finance）的内容已改变", StringComparison.Ordinal));
    }

    [Fact]
    public void A_files_part_that_no_longer_reads_is_reported_not_thrown()
    {
        var original = Take();
        var changed = original with { Files = "[{" };

        var differences = changed.Verify(original.Hash(), original.Manifest(), Present);

        Assert.Contains(differences, d => d.StartsWith("快照的 files 部分已改变", StringComparison.Ordinal));
        Assert.Contains("快照的 files 部分已无法读取，不能核对所依据的文件", differences);
    }
}

public sealed class ListingTests
{
    private static readonly Shenbao.Domain.Guides.Category Basic = Requests.Guide.FindCategory("basic-research")!;

    [Fact]
    public void The_guide_names_which_of_its_fields_fill_the_title_and_budget_columns_and_the_summary_compared_across_the_call()
    {
        var marked = Basic.Form.SelectMany(s => s.Fields).Where(f => f.Column is not null).ToDictionary(f => f.Column!, f => f.Path);

        Assert.Equal(new Dictionary<string, string>
        {
            ["title"] = "project.title", ["summary"] = "narrative.summary", ["total-budget"] = "narrative.budget.total", ["requested-funding"] = "narrative.budget.requested",
        }, marked);
        // a guide whose form marks no column leaves those columns empty, whatever its paths are called
        var bare = Basic with { Form = [] };
        Assert.Equal((null, (decimal?)null), (Listing.Of(bare, new Dictionary<string, string> { ["project.title"] = "标题", ["narrative.budget.total"] = "1" }).Title,
            Listing.Of(bare, new Dictionary<string, string> { ["narrative.budget.total"] = "1" }).TotalBudget));
    }

    [Fact]
    public void The_list_columns_come_from_the_form_with_amounts_as_typed()
    {
        var listing = Listing.Of(Basic, new Dictionary<string, string>
        {
            ["project.title"] = "  湘江流域重金属污染土壤修复  ",
            ["application.field"] = "新材料",
            ["application.leader.name"] = "刘教授",
            ["narrative.budget.total"] = "1,000,000.50",
            ["narrative.budget.requested"] = "300，000",
            ["application.platformId"] = "p1",
        });

        Assert.Equal(new Listing("湘江流域重金属污染土壤修复", "新材料", "刘教授", 1_000_000.50m, 300_000m, "p1"), listing);
    }

    [Fact]
    public void Empty_or_unreadable_values_leave_a_column_empty_and_long_text_is_cut_to_its_column()
    {
        var listing = Listing.Of(Basic, new Dictionary<string, string>
        {
            ["project.title"] = new string('长', Listing.TitleLength + 1),
            ["application.field"] = "   ",
            ["narrative.budget.total"] = "一百万",
        });

        Assert.Equal(Listing.TitleLength, listing.Title!.Length);
        Assert.Null(listing.SupportField);
        Assert.Null(listing.TotalBudget);
        Assert.Null(listing.RequestedFunding);
        Assert.Null(listing.LeaderName);
    }
}
