using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;

namespace Shenbao.Cli.Commands;

/// <summary>
/// receipt verify [--db PATH] [--files DIR] [--hash SHA256] RECEIPT: recomputes a submission's hash from its stored
/// snapshot and the files it relies on. Exit 0 when everything matches the receipt, 1 naming each thing that differs.
/// </summary>
public static class ReceiptCommands
{
    public const int Holds = 0;
    public const int Differs = 1;

    public static Command Create()
    {
        var receipt = new Argument<string>("RECEIPT") { Description = "回执号，如 HENGYANG-2025-00003-1" };
        var db = new Option<FileInfo>("--db") { Description = "SQLite 数据库文件（默认 ./data/shenbao.db）", DefaultValueFactory = _ => new FileInfo("./data/shenbao.db") };
        var files = new Option<DirectoryInfo?>("--files") { Description = "附件文件库目录（默认：数据库旁的 files/）" };
        var hash = new Option<string?>("--hash") { Description = "纸质回执上的内容摘要（SHA-256），给出时一并核对" };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL 连接字符串（代替 --db；此时须给出 --files）" };
        var verify = new Command("verify", "核验回执：由提交快照和所依据的文件重新计算哈希，与回执比对") { receipt, db, files, hash, postgres };
        verify.SetAction((result, ct) => VerifyAsync(result.GetValue(receipt)!, result.GetValue(db)!.FullName,
            result.GetValue(files)?.FullName, result.GetValue(hash), result.GetValue(postgres), result.InvocationConfiguration.Output, ct));
        return new Command("receipt", "申报回执") { verify };
    }

    public static async Task<int> VerifyAsync(string receiptNo, string dbPath, string? filesPath, string? paperHash, string? postgres, TextWriter output, CancellationToken ct)
    {
        if (postgres is null && !File.Exists(dbPath))
        {
            output.WriteLine($"数据库 {dbPath} 不存在");
            return Differs;
        }
        if (postgres is not null && filesPath is null)
        {
            output.WriteLine("使用 --postgres 时须用 --files 给出附件文件库目录");
            return Differs;
        }
        await using var db = postgres is null ? DataServices.Create("Sqlite", $"Data Source={dbPath};Mode=ReadOnly") : DataServices.Create("Postgres", postgres);
        var stored = await db.Snapshots.AsNoTracking().SingleOrDefaultAsync(s => s.ReceiptNo == receiptNo, ct);
        if (stored is null)
        {
            output.WriteLine($"没有回执号为“{receiptNo}”的提交");
            return Differs;
        }
        var application = await db.Applications.AsNoTracking().Where(a => a.Id == stored.ApplicationId)
            .Select(a => new { a.Number, a.ReceiptNo, a.ContentHash }).SingleAsync(ct);

        var root = filesPath ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dbPath))!, "files");
        var snapshot = stored.ToSnapshot();
        var differences = snapshot.Verify(stored.Hash, stored.Manifest, sha => StoredFiles.HashOf(root, sha)).ToList();
        // the snapshot belongs to the application its manifest names, and the receipt is one of that application's
        if (application.Number != stored.ApplicationNumber || !receiptNo.StartsWith(application.Number + "-", StringComparison.Ordinal))
            differences.Add($"快照所属的申报书为 {application.Number}，与回执记载的 {stored.ApplicationNumber}（回执号 {receiptNo}）不符");
        // the application keeps the receipt of its latest submission: it must be this snapshot's
        if (application.ReceiptNo == receiptNo && application.ContentHash != stored.Hash)
            differences.Add($"申报书记录的回执摘要 {application.ContentHash} 与快照的 {stored.Hash} 不符");
        if (paperHash is not null && !string.Equals(paperHash.Trim(), stored.Hash, StringComparison.OrdinalIgnoreCase))
            differences.Add($"回执上的摘要 {paperHash.Trim()} 与快照的 {stored.Hash} 不符");

        if (differences.Count > 0)
        {
            output.WriteLine($"回执 {receiptNo} 核验不通过（{differences.Count} 处不符）：");
            foreach (var difference in differences) output.WriteLine($"- {difference}");
            return Differs;
        }
        output.WriteLine($"回执 {receiptNo} 核验通过：申报 {application.Number}，{Domain.Eligibility.ChinaTime.Describe(stored.SubmittedAt)} 提交，" +
            $"快照与回执摘要 {stored.Hash} 一致，所依据的 {snapshot.FileRefs.Count} 个文件与提交时相同");
        return Holds;
    }
}
