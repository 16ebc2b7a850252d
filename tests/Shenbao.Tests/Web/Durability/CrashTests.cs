using System.Collections.Concurrent;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;

namespace Shenbao.Tests.Web.Durability;

/// <summary>
/// The site killed (SIGKILL: the process dies mid-request, only the operating system's page cache survives) while
/// submissions are in flight, and started again, a few
/// times: every submission that was answered with its receipt is there and its receipt verifies, so does every other
/// submission that committed, no row points at a missing file, the audit trail verifies and the database checks clean.
/// On SQLite here and again in the PostgreSQL pass; bench/crash runs the same at 50 cycles and more.
/// </summary>
public sealed class CrashTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    /// <summary>A few in every test run; bench/crash/run.sh asks for 50 and more (SHENBAO_CRASH_CYCLES).</summary>
    private static readonly int Cycles = int.TryParse(Environment.GetEnvironmentVariable("SHENBAO_CRASH_CYCLES"), out var asked) && asked > 0 ? asked : 3;

    private const int PerCycle = 6;

    private readonly string folder = Directory.CreateTempSubdirectory("shenbao-crash-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private string ConnectionString => TestDatabase.ConnectionString(folder);

    private AppDbContext Open() => DataServices.Create(TestDatabase.Provider, ConnectionString);

    [Fact]
    public async Task Every_acknowledged_submission_survives_a_kill_and_the_data_checks_clean()
    {
        var site = await SiteProcess.StartAsync(folder, TestDatabase.Provider, ConnectionString);
        var acknowledged = new ConcurrentBag<int>();
        var inFlight = 0;
        try
        {
            var applicant = await site.Browser().SignInAsync("hynu-admin");
            var drafts = new List<int>();
            for (var i = 0; i < Cycles * PerCycle; i++) drafts.Add(await DraftAsync(applicant, i));

            for (var cycle = 0; cycle < Cycles; cycle++)
            {
                var batch = drafts.Skip(cycle * PerCycle).Take(PerCycle).ToList();
                var before = acknowledged.Count;
                var submissions = batch.Select(id => Task.Run(async () =>
                {
                    try
                    {
                        var page = await applicant.GetAsync($"/Applications/Submit/{id}");
                        if ((await applicant.SubmitAsync(page, new Dictionary<string, string>())).Status == HttpStatusCode.Redirect) acknowledged.Add(id);
                    }
                    catch (HttpRequestException) { }   // the server was killed under it: not acknowledged
                    catch (TaskCanceledException) { }
                })).ToList();
                // mid-way: once some have their receipt and the others are in flight
                while (acknowledged.Count < before + 2 && submissions.Any(s => !s.IsCompleted)) await Task.Delay(5);
                inFlight += submissions.Count(s => !s.IsCompleted);
                site.Kill();
                await Task.WhenAll(submissions);

                site.Dispose();
                site = await SiteProcess.StartAsync(folder, TestDatabase.Provider, ConnectionString);
                applicant = await site.Browser().SignInAsync("hynu-admin");
                var committed = await CheckAsync(acknowledged);
                output.WriteLine($"cycle {cycle + 1}: {acknowledged.Count - before} of {batch.Count} submissions acknowledged before the kill, {committed.Count(batch.Contains)} committed, {batch.Count - committed.Count(batch.Contains)} rolled back");
            }
        }
        finally
        {
            site.Dispose();
        }
        Assert.True(acknowledged.Count >= Cycles * 2, $"only {acknowledged.Count} submissions were acknowledged before the kills");
        Assert.True(inFlight > 0, "no submission was still in flight at any kill: the test killed an idle site");
        output.WriteLine($"total: {Cycles} kills with {inFlight} submissions in flight, {acknowledged.Count} acknowledged submissions, all present with verified receipts");
    }

    /// <summary>A complete 重点研发 draft of the university's (no attachments, no platform quota), each with its own title.</summary>
    private static async Task<int> DraftAsync(Browser applicant, int n)
    {
        var created = await applicant.SubmitAsync(await applicant.GetAsync("/Applications/Create?category=key-rd"), new Dictionary<string, string> { ["Input.Category"] = "key-rd" });
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var id = int.Parse(created.Location!.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var form = new Dictionary<string, string>(BasicResearch.Form) { ["F[project__title]"] = $"断电测试课题 {n}" };
        form.Remove("F[application__platformId]");
        Assert.Equal(HttpStatusCode.Redirect, (await applicant.SubmitAsync(await applicant.GetAsync($"/Applications/Edit/{id}"), form, "#application-form")).Status);
        return id;
    }

    /// <summary>The checks after a restart; the applications that are lodged.</summary>
    private async Task<List<int>> CheckAsync(IEnumerable<int> acknowledged)
    {
        List<(int Id, ApplicationStatus Status, string? Receipt)> applications;
        List<string> files;
        await using (var db = Open())
        {
            applications = (await db.Applications.Select(a => new { a.Id, a.Status, a.ReceiptNo }).ToListAsync()).Select(a => (a.Id, a.Status, a.ReceiptNo)).ToList();
            files = await db.Attachments.Select(a => a.Sha256).Distinct().ToListAsync();
        }
        foreach (var id in acknowledged)
        {
            var application = Assert.Single(applications, a => a.Id == id);
            Assert.True(application.Status == ApplicationStatus.Submitted && application.Receipt is not null, $"application {id} was acknowledged but is {application.Status}");
        }
        // every submission that committed, acknowledged or not, verifies against its receipt
        foreach (var receipt in applications.Where(a => a.Receipt is not null).Select(a => a.Receipt!))
        {
            var verified = TestDatabase.Provider == "Sqlite"
                ? CliRunner.Invoke("receipt", "verify", receipt, "--db", Path.Combine(folder, "shenbao.db"))
                : CliRunner.Invoke("receipt", "verify", receipt, "--postgres", ConnectionString, "--files", Path.Combine(folder, "files"));
            Assert.True(verified.ExitCode == 0, $"receipt {receipt}: {verified.Output}");
        }
        foreach (var sha in files) Assert.Equal(sha, StoredFiles.HashOf(Path.Combine(folder, "files"), sha));
        var audit = TestDatabase.Provider == "Sqlite"
            ? CliRunner.Invoke("audit", "verify", "--db", Path.Combine(folder, "shenbao.db"))
            : CliRunner.Invoke("audit", "verify", "--postgres", ConnectionString, "--head", Path.Combine(folder, "audit-head.json"));
        Assert.True(audit.ExitCode == 0, audit.Output);
        if (TestDatabase.Provider == "Sqlite")
        {
            await using var db = Open();
            Assert.Equal(["ok"], await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync());
            Assert.Empty(await db.Database.SqlQueryRaw<string>("SELECT \"table\" AS \"Value\" FROM pragma_foreign_key_check").ToListAsync());
        }
        return applications.Where(a => a.Receipt is not null).Select(a => a.Id).ToList();
    }
}
