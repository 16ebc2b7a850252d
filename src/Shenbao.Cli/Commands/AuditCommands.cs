using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Audit;

namespace Shenbao.Cli.Commands;

/// <summary>
/// audit verify [--db PATH] [--head FILE] [--postgres CS]: walks the audit trail in order, recomputing every row's
/// hash and link, and compares its end with the head kept outside the database. Exit 0 with the number of rows, or 1
/// naming the first broken row.
/// </summary>
public static class AuditCommands
{
    public const int Holds = 0;
    public const int Broken = 1;

    public static Command Create()
    {
        var db = new Option<FileInfo>("--db") { Description = "SQLite 数据库文件（默认 ./data/shenbao.db）", DefaultValueFactory = _ => new FileInfo("./data/shenbao.db") };
        var head = new Option<FileInfo?>("--head") { Description = "库外的审计链头文件（默认：数据库旁的 audit-head.json）" };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL 连接字符串（代替 --db；此时须给出 --head）" };
        var verify = new Command("verify", "核验审计日志：逐行重算哈希链，并与库外记录的链头比对") { db, head, postgres };
        verify.SetAction((result, ct) => VerifyAsync(result.GetValue(db)!.FullName, result.GetValue(head)?.FullName, result.GetValue(postgres),
            result.InvocationConfiguration.Output, ct));
        return new Command("audit", "审计日志") { verify };
    }

    public static async Task<int> VerifyAsync(string dbPath, string? headPath, string? postgres, TextWriter output, CancellationToken ct)
    {
        if (postgres is null && !File.Exists(dbPath))
        {
            output.WriteLine($"数据库 {dbPath} 不存在");
            return Broken;
        }
        if (postgres is not null && headPath is null)
        {
            output.WriteLine("使用 --postgres 时须用 --head 给出库外的审计链头文件（网站数据目录下的 audit-head.json）");
            return Broken;
        }
        var headFile = new AuditHeadFile(headPath ?? AuditHeadFile.For(Path.GetDirectoryName(Path.GetFullPath(dbPath))!));

        // the table and the head are read under the chain's lock, as one moment: a site appending meanwhile waits, so a
        // row committed between the two reads cannot look like a row added behind the head's back
        await using var context = postgres is null ? DataServices.Create("Sqlite", $"Data Source={dbPath}") : DataServices.Create("Postgres", postgres);
        await using var transaction = await context.Database.BeginTransactionAsync(ct);
        await context.LockAuditChainAsync(ct);
        var records = new List<(AuditRecord, string)>();
        await foreach (var row in context.AuditTrail.AsNoTracking().OrderBy(a => a.Seq).AsAsyncEnumerable().WithCancellation(ct)) records.Add((row.ToRecord(), row.Hash));
        AuditHeadFile.State state;
        try
        {
            state = headFile.Read();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException or IOException)
        {
            output.WriteLine($"审计日志核验不通过：库外的链头文件 {headFile.Path} 无法读取（{e.Message}）");
            return Broken;
        }
        await transaction.RollbackAsync(ct);

        switch (AuditChain.Verify(records, state.Head, state.Pending))
        {
            case ChainCheck.Holds holds:
                output.WriteLine($"审计日志核验通过：{holds.Rows} 行，哈希链完整，与库外链头（{headFile.Path}）一致");
                return Holds;
            case ChainCheck.Broken broken:
                output.WriteLine($"审计日志核验不通过：第 {broken.Row} 行起不可信。{broken.Reason}");
                return Broken;
            default:
                throw new System.Diagnostics.UnreachableException();
        }
    }
}
