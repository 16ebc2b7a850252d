using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Domain.Applications;

namespace Shenbao.Tests.Cli;

/// <summary>receipt verify on the demo database: every demo submission holds; each kind of tampering is found and named.</summary>
public sealed class ReceiptCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("shenbao-receipt-").FullName;
    private readonly string database;

    public ReceiptCommandTests()
    {
        database = Path.Combine(folder, "shenbao.db");
        Assert.Equal(0, CliRunner.Invoke("demo", "--db", database).ExitCode);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private AppDbContext Db() => DataServices.Create("Sqlite", $"Data Source={database}");

    private List<SubmissionSnapshot> Snapshots()
    {
        using var db = Db();
        return db.Snapshots.AsNoTracking().ToList();
    }

    /// <summary>The demo's 产学研合作 submission: four attachments and the certificate behind the profile.</summary>
    private SubmissionSnapshot Iur() => Snapshots().Single(s => s.Files.Contains("tech-contract", StringComparison.Ordinal));

    private void Execute(string sql)
    {
        using var db = Db();
        db.Database.ExecuteSqlRaw(sql);
    }

    [Fact]
    public void Every_demo_submission_has_a_snapshot_that_verifies_with_its_files()
    {
        using (var db = Db())
            Assert.All(db.Applications.Where(a => Workflow.Lodged.Contains(a.Status)).ToList(), a => Assert.Contains(Snapshots(), s => s.ReceiptNo == a.ReceiptNo));
        foreach (var each in Snapshots())
            Assert.Equal(0, CliRunner.Invoke("receipt", "verify", "--db", database, each.ReceiptNo).ExitCode);
        var snapshot = Iur();
        Assert.Equal(5, snapshot.ToSnapshot().FileRefs.Count);   // four attachments and the certificate behind the profile

        var run = CliRunner.Invoke("receipt", "verify", "--db", database, snapshot.ReceiptNo, "--hash", snapshot.Hash.ToUpperInvariant());

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"回执 {snapshot.ReceiptNo} 核验通过", run.Output, StringComparison.Ordinal);
        Assert.Contains("所依据的 5 个文件与提交时相同", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_fact_in_the_database_is_named()
    {
        var receipt = Iur().ReceiptNo;
        Execute("UPDATE Snapshots SET Facts = replace(Facts, '\"paid\":150000', '\"paid\":450000')");

        var run = CliRunner.Invoke("receipt", "verify", "--db", database, receipt);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("快照的 facts 部分已改变", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("results", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rewritten_manifest_and_hash_still_differ_from_the_application_s_receipt()
    {
        var stored = Iur();
        var forged = stored.ToSnapshot() with { Results = stored.Results.Replace("pass", "fail", StringComparison.Ordinal) };
        using (var db = Db())
            db.Database.ExecuteSql($"UPDATE Snapshots SET Results = {forged.Results}, Manifest = {forged.Manifest()}, Hash = {forged.Hash()}");

        var run = CliRunner.Invoke("receipt", "verify", "--db", database, stored.ReceiptNo);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"申报书记录的回执摘要 {stored.Hash}", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_or_missing_file_is_named()
    {
        var stored = Iur();
        var files = stored.ToSnapshot().FileRefs;
        var changed = files.Single(f => f.Purpose == "invoice");
        var missing = files.Single(f => f.Purpose == "proof:highTech");
        File.AppendAllText(StoredFiles.PathOf(Path.Combine(folder, "files"), changed.Sha256)!, "改动");
        File.Delete(StoredFiles.PathOf(Path.Combine(folder, "files"), missing.Sha256)!);

        var run = CliRunner.Invoke("receipt", "verify", "--db", database, stored.ReceiptNo);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("2 处不符", run.Output, StringComparison.Ordinal);
        Assert.Contains("文件“发票.pdf”（invoice）的内容已改变", run.Output, StringComparison.Ordinal);
        Assert.Contains("文件“高新技术企业证书.pdf”（proof:highTech", run.Output, StringComparison.Ordinal);
        Assert.Contains("已不在文件库中", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_paper_receipt_with_another_hash_is_named()
    {
        var stored = Iur();

        var run = CliRunner.Invoke("receipt", "verify", "--db", database, stored.ReceiptNo, "--hash", new string('0', 64));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"回执上的摘要 {new string('0', 64)} 与快照的 {stored.Hash} 不符", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_receipt_or_database_is_an_answer_not_a_crash()
    {
        var unknown = CliRunner.Invoke("receipt", "verify", "--db", database, "HENGYANG-2025-99999-1");
        var nowhere = CliRunner.Invoke("receipt", "verify", "--db", Path.Combine(folder, "none.db"), "HENGYANG-2025-00003-1");

        Assert.Equal((1, "没有回执号为“HENGYANG-2025-99999-1”的提交"), (unknown.ExitCode, unknown.Output.Trim()));
        Assert.Equal(1, nowhere.ExitCode);
        Assert.Contains("不存在", nowhere.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "none.db")));
    }
}
