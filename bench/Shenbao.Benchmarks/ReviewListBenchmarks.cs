using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;

namespace Shenbao.Benchmarks;

/// <summary>
/// Formal review's list at 100,000 submitted applications in one call, on SQLite: the page's own query
/// (<see cref="ReviewList"/>: the count and the first page of 50 by number), unfiltered as the baseline, then narrowed
/// by the filters officers use, and the bureau's statistics dashboard over the same call. The database is built once under the temp folder and reused by later runs.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class ReviewListBenchmarks
{
    public const int Applications = 100_000;
    private static readonly string[] Categories = ["major-project", "key-rd", "basic-research", "iur-cooperation", "innovation-consortium", "achievement-transfer"];
    private static readonly string[] Districts = ["珠晖区", "雁峰区", "石鼓区", "蒸湘区", "南岳区", "衡阳县", "衡南县", "衡山县", "衡东县", "祁东县", "耒阳市", "常宁市", "衡阳高新技术产业开发区"];
    private static readonly ApplicationStatus[] Statuses =
        [ApplicationStatus.Submitted, ApplicationStatus.Recommended, ApplicationStatus.Accepted, ApplicationStatus.ExpertReview, ApplicationStatus.Reviewed];

    private AppDbContext db = null!;
    private int call;
    private FundingCall funding = null!;
    private Shenbao.Domain.Guides.Guide guide = null!;

    public static string Database { get; } = Path.Combine(Path.GetTempPath(), $"shenbao-review-list-{Applications}.db");

    /// <summary>The 100,000 applications' database, built on first use (other benchmarks read it too).</summary>
    public static string EnsureDatabase()
    {
        if (!File.Exists(Database)) Build();
        return Database;
    }

    [GlobalSetup]
    public void Setup()
    {
        EnsureDatabase();
        db = DataServices.Create("Sqlite", $"Data Source={Database};Mode=ReadOnly");
        funding = db.Calls.AsNoTracking().Single();
        call = funding.Id;
        guide = Samples.LoadGuide();
    }

    [GlobalCleanup]
    public void Cleanup() => db.Dispose();

    private async Task<int> PageAsync(ReviewFilter filter)
    {
        var query = ReviewList.Of(db.Applications.AsNoTracking(), call, filter);
        var total = await query.CountAsync().ConfigureAwait(false);
        var rows = await query.OrderBy(a => a.Number).Take(50)
            .Select(a => new { a.Id, a.Number, a.Title, Organisation = a.Organisation.Name, a.District, a.Category, a.SupportField, a.Status, a.Verdict })
            .ToListAsync().ConfigureAwait(false);
        return total + rows.Count;
    }

    [Benchmark(Baseline = true, Description = "unfiltered (baseline)")]
    public Task<int> Unfiltered() => PageAsync(new ReviewFilter());

    [Benchmark(Description = "status = recommended")]
    public Task<int> ByStatus() => PageAsync(new ReviewFilter(Status: ApplicationStatus.Recommended));

    [Benchmark(Description = "verdict = review")]
    public Task<int> ByVerdict() => PageAsync(new ReviewFilter(Verdict: "review"));

    [Benchmark(Description = "category + district")]
    public Task<int> ByCategoryAndDistrict() => PageAsync(new ReviewFilter(Category: "key-rd", District: "耒阳市"));

    [Benchmark(Description = "warned rule (LIKE)")]
    public Task<int> ByWarnedRule() => PageAsync(new ReviewFilter(Warned: "iur-amount"));

    [Benchmark(Description = "search a number")]
    public Task<int> SearchNumber() => PageAsync(new ReviewFilter(Search: "HENGYANG-2025-54321"));

    [Benchmark(Description = "search a title word (LIKE)")]
    public Task<int> SearchTitle() => PageAsync(new ReviewFilter(Search: "传感器"));

    /// <summary>The bureau's dashboard of the call: every figure (ten grouped queries and the day-by-day count of submissions).</summary>
    [Benchmark(Description = "statistics dashboard, every figure")]
    public Task<Shenbao.Data.Insight.CallStatistics> Dashboard() => Shenbao.Data.Insight.Statistics.OfAsync(db, funding, guide, DateTimeOffset.UtcNow, CancellationToken.None);

    /// <summary>One call, 200 organisations and the applications, written with the migrations of the product.</summary>
    private static void Build()
    {
        var building = Database + ".building";
        if (File.Exists(building)) File.Delete(building);
        using (var writer = DataServices.Create("Sqlite", $"Data Source={building}"))
        {
            writer.Database.Migrate();
            var now = DateTimeOffset.UtcNow;
            var funding = new FundingCall { GuideId = "hengyang-2025", Title = "基准批次", OpensAt = now.AddDays(-30), Deadline = now.AddDays(-1), RecommendationDeadline = now.AddDays(10) };
            writer.Calls.Add(funding);
            var organisations = Enumerable.Range(0, 200).Select(i => new Organisation
            {
                CreditCode = $"9143{i:D14}", Name = $"基准单位{i}", Kind = "enterprise", District = Districts[i % Districts.Length],
                ContactName = "联系人", ContactPhone = "0734-0000000", Status = OrganisationStatus.Active,
            }).ToList();
            writer.Organisations.AddRange(organisations);
            writer.SaveChanges();
            var words = new[] { "智能", "传感器", "新材料", "修复", "平台", "装备", "检测", "工艺", "系统", "数据" };
            using var transaction = writer.Database.BeginTransaction();
            for (var i = 0; i < Applications; i++)
            {
                var organisation = organisations[i % organisations.Count];
                writer.Applications.Add(new Application
                {
                    Number = $"HENGYANG-2025-{i:D5}", OrganisationId = organisation.Id, CallId = funding.Id, Category = Categories[i % Categories.Length],
                    District = organisation.District, Title = $"{words[i % words.Length]}{words[(i / 10) % words.Length]}关键技术研究{i}",
                    SupportField = "电子信息", LeaderName = $"负责人{i % 5000}", Status = Statuses[i % Statuses.Length],
                    Verdict = (i % 3) switch { 0 => "eligible", 1 => "review", _ => "ineligible" },
                    WarnedRules = i % 3 == 1 ? "|iur-amount|" : null, ReceiptNo = $"HENGYANG-2025-{i:D5}-1",
                    CreatedById = "bench", CreatedAt = now.AddDays(-10), UpdatedAt = now.AddDays(-2), SubmittedAt = now.AddDays(-2),
                });
                if (i % 5_000 == 4_999)
                {
                    writer.SaveChanges();
                    writer.ChangeTracker.Clear();
                }
            }
            writer.SaveChanges();
            transaction.Commit();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Move(building, Database);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"built {Database}: {Applications} applications"));
    }
}
