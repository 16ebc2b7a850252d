using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Audit;
using Shenbao.Data.Experts;
using Shenbao.Domain.Audit;
using Shenbao.Domain.Guides;

namespace Shenbao.Cli.Commands;

/// <summary>
/// experts import [--db PATH] FILE.xlsx: the officers' import from the command line — the same checks, nothing imported
/// when any row is wrong (exit 1, every error printed), experts and accounts in one transaction, audited. The mails with
/// the one-time links are sent by the running site (it makes the links), within a minute.
/// </summary>
public static class ExpertCommands
{
    public const int Done = 0;
    public const int RowErrors = 1;
    public const int Failed = 2;

    private static Option<FileInfo> DbOption() => CliData.DbOption();

    public static Command Experts()
    {
        var db = DbOption();
        var file = new Argument<FileInfo>("FILE") { Description = "专家名单（.xlsx），第1行为表头：姓名、身份证号、工作单位、职称、专业领域、手机、邮箱、回避单位" };
        var import = new Command("import", "从 Excel 导入评审专家（任何一行有错误则全部不导入）") { db, file };
        import.SetAction((result, ct) => ImportAsync(result.GetValue(db)!.FullName, result.GetValue(file)!.FullName, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, ct));
        return new Command("experts", "评审专家库") { import };
    }

    public static async Task<int> ImportAsync(string dbPath, string filePath, TextWriter output, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!File.Exists(dbPath)) { error.WriteLine($"数据库 {dbPath} 不存在"); return Failed; }
        if (!File.Exists(filePath)) { error.WriteLine($"文件 {filePath} 不存在"); return Failed; }
        await using var db = DataServices.Create("Sqlite", $"Data Source={dbPath}", AuditHeadFile.For(Path.GetDirectoryName(Path.GetFullPath(dbPath))!));
        var guides = await CliData.GuidesAsync(db, ct);
        Shenbao.Domain.Experts.SheetRead sheet;
        await using (var stream = File.OpenRead(filePath))
            sheet = await ExpertPool.ReadAsync(stream, db, guides.SelectMany(g => g.AllFields).Distinct(StringComparer.Ordinal).ToList(), ct);
        if (!sheet.Valid)
        {
            foreach (var problem in sheet.Errors) error.WriteLine(problem);
            error.WriteLine($"{Path.GetFileName(filePath)} 有 {sheet.Errors.Count} 处错误，未导入任何专家");
            return RowErrors;
        }
        var now = TimeProvider.System.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var experts = await ExpertPool.StageAsync(db, sheet.Rows, $"命令行（{Environment.UserName}）", now, ct);
        db.Audit(new AuditEntry
        {
            At = now, UserName = Environment.UserName, Action = AuditAction.ExpertImport, ObjectType = AuditEntry.Objects.Expert, Outcome = AuditOutcome.Success,
            Details = $"命令行导入专家 {experts.Count} 人（文件 {Path.GetFileName(filePath)}），设置密码链接由系统发送",
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        output.WriteLine($"已导入 {experts.Count} 位专家并开通账号（登录账号为邮箱）；系统运行时将在一分钟内向每位专家发送设置密码的链接");
        return Done;
    }
}
