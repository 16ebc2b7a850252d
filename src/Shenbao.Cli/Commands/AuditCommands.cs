using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Domain.Audit;

namespace Shenbao.Cli.Commands;

/// <summary>
/// audit verify [--db PATH] [--head FILE] [--postgres CS]: walks the audit trail in order, recomputing every row's
/// hash and link, and compares its end with the head kept outside the database. Exit 0 with the number of rows, or 1
/// naming the first broken row. audit accept: after a restore, takes the table's end as the head, and says so in the trail.
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
        var accept = new Command("accept", "接受表的末尾为新的链头（从备份恢复或链头丢失后，查明原因之后）；旧链头与新末尾记入审计日志") { db, head, postgres };
        accept.SetAction((result, ct) => AcceptAsync(result.GetValue(db)!.FullName, result.GetValue(head)?.FullName, result.GetValue(postgres),
            result.InvocationConfiguration.Output, TimeProvider.System, ct));
        return new Command("audit", "审计日志") { verify, accept };
    }

    public static async Task<int> VerifyAsync(string dbPath, string? headPath, string? postgres, TextWriter output, CancellationToken ct)
    {
        if (Refusal(dbPath, headPath, postgres) is { } refusal)
        {
            output.WriteLine(refusal);
            return Broken;
        }
        var headFile = HeadFile(dbPath, headPath);
        // a read-only copy (evidence, a backup) is read as it is; a live database is read under the chain's lock
        var writable = postgres is not null || Writable(dbPath);
        await using var context = postgres is null ? DataServices.Create("Sqlite", writable ? $"Data Source={dbPath}" : $"Data Source={dbPath};Mode=ReadOnly") : DataServices.Create("Postgres", postgres);

        // the table's end and the head as one moment, under the chain's lock for as long as two reads take (appends wait
        // only that long): a row committed between them cannot look like a row added behind the head's back
        AuditHead end;
        AuditHeadFile.State state;
        await using (var transaction = writable ? await context.Database.BeginTransactionAsync(ct) : null)
        {
            if (transaction is not null) await context.LockAuditChainAsync(ct);
            end = await EndAsync(context, ct);
            try
            {
                state = headFile.Read();
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                output.WriteLine($"审计日志核验不通过：库外的链头文件 {headFile.Path} 无法读取（{e.Message}）");
                return Broken;
            }
        }

        // then the rows up to that end, without the lock: the table only grows
        var records = await RowsAsync(context, end.Count, ct);
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

    /// <summary>
    /// After a restore from a backup (which ends before the live head) or a lost head: if every row still hashes and
    /// links, the table's end becomes the head, and a row saying so (the old head, the new end, who ran it) is appended,
    /// so the break stays in the trail. Rows that themselves fail are not accepted: restore a backup that verifies.
    /// </summary>
    public static async Task<int> AcceptAsync(string dbPath, string? headPath, string? postgres, TextWriter output, TimeProvider clock, CancellationToken ct)
    {
        if (Refusal(dbPath, headPath, postgres) is { } refusal)
        {
            output.WriteLine(refusal);
            return Broken;
        }
        var headFile = HeadFile(dbPath, headPath);
        await using var context = postgres is null ? DataServices.Create("Sqlite", $"Data Source={dbPath}", headFile.Path) : DataServices.Create("Postgres", postgres, headFile.Path);
        await using var transaction = await context.Database.BeginTransactionAsync(ct);
        await context.LockAuditChainAsync(ct);
        var end = await EndAsync(context, ct);
        if (AuditChain.Verify(await RowsAsync(context, end.Count, ct), end) is ChainCheck.Broken broken)
        {
            output.WriteLine($"不能接受：审计日志第 {broken.Row} 行起本身已不可信（{broken.Reason}）。请从能通过 audit verify 的备份恢复数据库及其链头。");
            return Broken;
        }
        string before;
        try
        {
            before = headFile.Read().Head is { } old ? $"第 {old.Count} 行（{old.Hash}）" : "不存在";
        }
        catch (InvalidDataException)
        {
            before = "无法读取";
        }
        headFile.Reset(end);
        context.Audit(new AuditEntry
        {
            At = clock.GetUtcNow(), UserName = Environment.UserName, Action = AuditAction.HeadAccepted, ObjectType = AuditEntry.Objects.AuditTrail,
            ObjectId = end.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Outcome = AuditOutcome.Success,
            Details = $"库外链头原为{before}，接受表的末尾第 {end.Count} 行（{end.Hash}）为链头；由操作系统用户 {Environment.UserName} 以 audit accept 执行",
        });
        await context.SaveChangesAsync(ct);
        await transaction.CommitAsync(CancellationToken.None);
        output.WriteLine($"已接受：链头原为{before}，现为第 {end.Count + 1} 行（记录本次接受的一行）。审计日志中保留了这次变更。");
        return Holds;
    }

    private static string? Refusal(string dbPath, string? headPath, string? postgres) =>
        postgres is null && !File.Exists(dbPath) ? $"数据库 {dbPath} 不存在"
        : postgres is not null && headPath is null ? "使用 --postgres 时须用 --head 给出库外的审计链头文件（网站数据目录下的 audit-head.json）"
        : null;

    private static AuditHeadFile HeadFile(string dbPath, string? headPath) =>
        new(headPath ?? AuditHeadFile.For(Path.GetDirectoryName(Path.GetFullPath(dbPath))!));

    private static async Task<AuditHead> EndAsync(AppDbContext context, CancellationToken ct)
    {
        var last = await context.AuditTrail.AsNoTracking().OrderByDescending(a => a.Seq).Select(a => new { a.Seq, a.Hash }).FirstOrDefaultAsync(ct);
        return last is null ? AuditHead.Empty : new AuditHead(last.Seq, last.Hash);
    }

    private static async Task<List<(AuditRecord, string)>> RowsAsync(AppDbContext context, long upTo, CancellationToken ct)
    {
        var records = new List<(AuditRecord, string)>();
        await foreach (var row in context.AuditTrail.AsNoTracking().Where(a => a.Seq <= upTo).OrderBy(a => a.Seq).AsAsyncEnumerable().WithCancellation(ct))
            records.Add((row.ToRecord(), row.Hash));
        return records;
    }

    private static bool Writable(string path)
    {
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}
