using System.CommandLine;
using Shenbao.Data.Audit;
using Shenbao.Data.OfficialLists;
using Shenbao.Domain.Audit;

namespace Shenbao.Cli.Commands;

/// <summary>
/// lists import hte|contracts [--db PATH] FILE.xlsx: a new version of an official list, with the page's checks —
/// exit 1 with every row error and nothing imported, 0 when the list is the current version; audited.
/// </summary>
public static class ListCommands
{
    public const int Done = 0;
    public const int RowErrors = 1;
    public const int Failed = 2;

    public static Command Create()
    {
        var db = CliData.DbOption();
        var kind = new Argument<string>("KIND") { Description = "名单：hte（高新技术企业名单：证书编号、企业名称、统一社会信用代码、发证日期、有效期至）、contracts（技术合同登记名单：登记编号、合同名称、卖方、买方、成交金额、登记日期）" };
        kind.AcceptOnlyFromAmong("hte", "contracts");
        var file = new Argument<FileInfo>("FILE") { Description = "名单（.xlsx），第1行为表头" };
        var import = new Command("import", "导入官方名单的新版本（有任何一行错误则不导入）") { kind, file, db };
        import.SetAction((result, ct) => ImportAsync(result.GetValue(kind)!, result.GetValue(db)!.FullName, result.GetValue(file)!.FullName,
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, ct));
        return new Command("lists", "官方名单（与申报单位的声明核对）") { import };
    }

    public static async Task<int> ImportAsync(string kindWord, string dbPath, string filePath, TextWriter output, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!File.Exists(dbPath)) { error.WriteLine($"数据库 {dbPath} 不存在"); return Failed; }
        if (!File.Exists(filePath)) { error.WriteLine($"文件 {filePath} 不存在"); return Failed; }
        var kind = kindWord == "hte" ? OfficialListKind.HteCertificates : OfficialListKind.ContractRegistrations;
        await using var db = CliData.Open(dbPath);
        (int Rows, IReadOnlyList<Shenbao.Domain.Experts.SheetError> Errors, Func<int, IEnumerable<object>> Entries) read;
        await using (var stream = File.OpenRead(filePath))
            read = await OfficialListStore.ReadAsync(stream, kind, ct);
        if (read.Errors.Count > 0)
        {
            foreach (var problem in read.Errors) error.WriteLine(problem);
            error.WriteLine($"{Path.GetFileName(filePath)} 有 {read.Errors.Count} 处错误，未导入任何一条");
            return RowErrors;
        }
        var now = TimeProvider.System.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var import = await OfficialListStore.ImportAsync(db, kind, filePath, read.Rows, read.Entries, $"命令行（{Environment.UserName}）", now, ct);
        db.Audit(new AuditEntry
        {
            At = now, UserName = Environment.UserName, Action = AuditAction.OfficialListImport, ObjectType = AuditEntry.Objects.OfficialList,
            ObjectId = import.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Outcome = AuditOutcome.Success,
            Details = $"命令行导入{OfficialListImport.Name(kind)}第{import.Version}版，{import.Rows} 条（文件 {import.FileName}）",
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        output.WriteLine($"已导入{OfficialListImport.Name(kind)}第{import.Version}版，共 {import.Rows} 条；此后的核对以此版为准");
        return Done;
    }
}
