using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Insight;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Benchmarks;

/// <summary>
/// The officers' what-if end to end over 100,000 submitted applications in one call on SQLite: the frozen facts read
/// from the database, parsed under the guide and judged under it as it is and as changed (<see cref="CallWhatIf.RunAsync"/>,
/// what the page and the CLI run), beside the same judging over requests already in memory (the baseline: the engine
/// alone) and the reading alone. The database (synthetic applications, Bogus zh_CN, seed 1) is built once under the temp folder.
/// </summary>
[Config(typeof(RecountConfig))]
public class WhatIfDatabaseBenchmarks
{
    public const int Applications = 100_000;

    public static string Database { get; } = Path.Combine(Path.GetTempPath(), $"shenbao-whatif-{Applications}.db");

    private AppDbContext db = null!;
    private int call;
    private Guide baseline = null!;
    private Guide changed = null!;
    private List<WhatIfSubject> subjects = null!;

    [GlobalSetup]
    public void Setup()
    {
        baseline = Samples.LoadGuide();
        changed = GuideLoader.Change(baseline, ["achievement-transfer.transfer-revenue.minimum=8000000", "iur-cooperation.iur-payment.minimum=0.3"]).Changed!;
        if (!File.Exists(Database)) Build(baseline);
        db = DataServices.Create("Sqlite", $"Data Source={Database};Mode=ReadOnly");
        call = db.Calls.AsNoTracking().Select(c => c.Id).Single();
        subjects = WhatIfData.LoadAsync(db, call, baseline, CancellationToken.None).GetAwaiter().GetResult().ToList();
        if (subjects.Count != Applications) throw new InvalidOperationException($"{Database} holds {subjects.Count} readable applications, not {Applications}: delete it to rebuild");
    }

    [GlobalCleanup]
    public void Cleanup() => db.Dispose();

    [Benchmark(Baseline = true, Description = "judge twice, requests in memory (engine only)")]
    public Simulation InMemory() => WhatIf.Simulate(baseline, changed, subjects);

    [Benchmark(Description = "read + parse the frozen facts, kept in memory")]
    public Task<IReadOnlyList<WhatIfSubject>> ReadOnly() => WhatIfData.LoadAsync(db, call, baseline, CancellationToken.None);

    [Benchmark(Description = "end to end: read, parse, judge twice")]
    public Task<Shenbao.Data.Insight.WhatIfReport> EndToEnd() => CallWhatIf.RunAsync(db, call, baseline, changed, null, CancellationToken.None);

    /// <summary>One call, 200 organisations, the applications each with its frozen submission, written with the product's migrations.</summary>
    public static void Build(Guide guide)
    {
        ArgumentNullException.ThrowIfNull(guide);
        var building = Database + ".building";
        if (File.Exists(building)) File.Delete(building);
        var requests = SyntheticApplications.Generate(Applications, WhatIfReport.DefaultSeed);
        using (var writer = DataServices.Create("Sqlite", $"Data Source={building}"))
        {
            writer.Database.Migrate();
            var now = DateTimeOffset.UtcNow;
            var funding = new FundingCall { GuideId = guide.Id, Title = "基准批次", OpensAt = now.AddDays(-30), Deadline = now.AddDays(-1), RecommendationDeadline = now.AddDays(10) };
            writer.Calls.Add(funding);
            var organisations = Enumerable.Range(0, 200).Select(i => new Organisation
            {
                CreditCode = $"9143{i:D14}", Name = $"基准单位{i}", Kind = "enterprise", District = "珠晖区",
                ContactName = "联系人", ContactPhone = "0734-0000000", Status = OrganisationStatus.Active,
            }).ToList();
            writer.Organisations.AddRange(organisations);
            writer.SaveChanges();
            using var transaction = writer.Database.BeginTransaction();
            for (var i = 0; i < requests.Count; i++)
            {
                var request = requests[i];
                var number = $"HENGYANG-2025-{i:D6}";
                var receipt = $"{number}-1";
                var application = new Application
                {
                    Number = number, OrganisationId = organisations[i % organisations.Count].Id, CallId = funding.Id, Category = request.Application.Category,
                    District = "珠晖区", Title = $"基准项目{i}", Status = ApplicationStatus.Submitted, ReceiptNo = receipt,
                    CreatedById = "bench", CreatedAt = now.AddDays(-10), UpdatedAt = now.AddDays(-2), SubmittedAt = now.AddDays(-2),
                };
                writer.Applications.Add(application);
                var snapshot = SubmissionSnapshot.From(Snapshot.Take(receipt, number, "bench", now.AddDays(-2), guide.Id, guide.Version, request.AsOf,
                    RequestWriter.Write(request), new Dictionary<string, string>(), new Dictionary<string, string>(), [], []));
                application.Snapshots.Add(snapshot);
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
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"built {Database}: {Applications} applications with their frozen submissions"));
    }
}
