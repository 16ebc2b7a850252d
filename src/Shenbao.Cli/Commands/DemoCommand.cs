using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Demo;
using Shenbao.Domain.Guides;

namespace Shenbao.Cli.Commands;

/// <summary>demo --db PATH: the web application's demo database (call open now, an account for every role, applications) in a given SQLite file.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var db = new Option<FileInfo>("--db") { Description = "SQLite 数据库文件（不存在则创建）", Required = true };
        var guide = new Option<FileInfo?>("--guide") { Description = "批次所用的指南文件（默认：随程序发布的 2025 年指南）" };
        var command = new Command("demo", "创建演示数据库：正在受理的演示批次、各角色演示账号、演示单位和申报") { db, guide };
        command.SetAction((result, ct) => RunAsync(result.GetValue(db)!.FullName, result.GetValue(guide)?.FullName ?? ShenbaoCommand.DefaultGuidePath,
            TimeProvider.System.GetUtcNow(), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, ct));
        return command;
    }

    public static async Task<int> RunAsync(string path, string guidePath, DateTimeOffset now, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (CheckCommand.LoadGuide(guidePath, [], error) is not { } guide) return 1;
        if (Shenbao.Domain.TechSme.StandardLoader.LoadFile(TechSmeCommand.DefaultStandardPath) is not Shenbao.Domain.TechSme.StandardLoader.Result.Valid { Standard: var techSme } )
        {
            error.WriteLine($"科技型中小企业评价标准文件 {TechSmeCommand.DefaultStandardPath} 无法读取，请用 tech-sme 命令查看错误");
            return 1;
        }
        // the audit trail's outside head lies beside the database, where the web application (DataPath) and `audit verify` look
        await using var db = DataServices.Create("Sqlite", $"Data Source={path}", Data.Audit.AuditHeadFile.For(Path.GetDirectoryName(Path.GetFullPath(path))!));
        await db.Database.MigrateAsync(ct);
        var existed = await db.Calls.AnyAsync(ct);
        // the demo's documents go where the web application and `receipt verify` look for them: files/ beside the database
        await DemoData.SeedAsync(db, guide, techSme, $"{guide.Title}（演示批次）", now, Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "files"), ct);
        output.WriteLine(existed
            ? $"{path} 已有数据，未重复写入演示数据"
            : $"已创建演示数据库 {path}：{await db.Organisations.CountAsync(ct)} 个单位、{await db.Users.CountAsync(ct)} 个账号（密码 {DemoData.Password}，仅演示模式有效）、{await db.Applications.CountAsync(ct)} 份申报");
        return 0;
    }
}
