using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shenbao.Domain.Experts;

namespace Shenbao.Data.Experts;

/// <summary>
/// The expert pool's Excel: read a sheet into checked rows, add them with their accounts, write the pool out. The same
/// for the officers' page and the command line, so that both accept and refuse exactly the same files.
/// </summary>
public static class ExpertPool
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Reads the first sheet of an .xlsx file; a file that is not one is a single error of row 1.</summary>
    public static async Task<SheetRead> ReadAsync(Stream xlsx, AppDbContext db, IReadOnlyCollection<string> knownFields, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        List<IReadOnlyList<object?>> cells;
        try
        {
            cells = (await xlsx.QueryAsync(useHeaderRow: false, excelType: ExcelType.XLSX, cancellationToken: ct))
                .Select(row => (IReadOnlyList<object?>)((IDictionary<string, object?>)row).Values.ToList())
                .ToList();
        }
        // whatever a file that is not a workbook makes the reader throw, the answer is the same
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new SheetRead([], [new SheetError(1, "", "", "无法读取该文件：请上传 Excel 工作簿（.xlsx），第1行为表头")]);
        }
        if (cells.Count == 0) return new SheetRead([], [new SheetError(1, "", "", $"文件是空的：第1行须为表头（{string.Join("、", ExpertSheet.Headers)}）")]);
        var table = cells.Select(row => (IReadOnlyList<string?>)row.Select(Text).ToList()).ToList();
        var ids = (await db.Experts.AsNoTracking().Select(e => e.IdNumber).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var emails = (await db.Users.AsNoTracking().Select(u => u.NormalizedEmail ?? u.NormalizedUserName).ToListAsync(ct)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var read = ExpertSheet.Read(table[0], table.Skip(1), knownFields, ids.Contains, email => emails.Contains(Normalise(email)));
        // an 18-digit number typed into a number cell has lost its last digits to Excel: say so, not that its check character is wrong
        var idColumn = table[0].ToList().FindIndex(h => h?.Trim() == ExpertSheet.IdNumber);
        if (idColumn < 0) return read;
        var numeric = cells.Select((row, i) => (Row: i + 1, Cell: idColumn < row.Count ? row[idColumn] : null)).Skip(1)
            .Where(x => x.Cell is double or long or int or decimal).Select(x => x.Row).ToHashSet();
        if (numeric.Count == 0) return read;
        var errors = read.Errors.Where(e => !(e.Column == ExpertSheet.IdNumber && numeric.Contains(e.Row)))
            .Concat(numeric.Select(row => new SheetError(row, ExpertSheet.IdNumber, ExpertSheet.Letter(idColumn), "是数字格式，末几位已被 Excel 改变：请将该列设为“文本”格式后重新填写")))
            .OrderBy(e => e.Row).ToList();
        return new SheetRead([], errors);
    }

    /// <summary>
    /// Adds the checked rows' experts and their accounts (role 评审专家, no password: each sets it through the mailed
    /// one-time link) to the context; the caller saves them, with its audit row, in one transaction.
    /// </summary>
    public static async Task<IReadOnlyList<Expert>> StageAsync(AppDbContext db, IReadOnlyList<ExpertRow> rows, string importedBy, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Name == Roles.Expert, ct);
        if (role is null)
        {
            role = new IdentityRole(Roles.Expert) { NormalizedName = Normalise(Roles.Expert), ConcurrencyStamp = Guid.NewGuid().ToString() };
            db.Roles.Add(role);
        }
        var experts = new List<Expert>();
        foreach (var row in rows)
        {
            // the account as Identity's UserManager makes it: normalised names, a fresh security stamp, lockout on
            var user = new User
            {
                UserName = row.Email, NormalizedUserName = Normalise(row.Email), Email = row.Email, NormalizedEmail = Normalise(row.Email),
                DisplayName = row.Name, SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(), LockoutEnabled = true,
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
            var expert = new Expert
            {
                Name = row.Name, IdNumber = row.IdNumber, Organisation = row.Organisation, Title = row.Title, Fields = Bars.Join(row.Fields),
                Phone = row.Phone, Email = row.Email, AvoidOrganisations = Bars.Join(row.AvoidOrganisations), UserId = user.Id, User = user,
                ImportedAt = now, ImportedBy = importedBy,
            };
            db.Experts.Add(expert);
            experts.Add(expert);
        }
        return experts;
    }

    /// <summary>The pool as a sheet: the import's headers (so an export can be edited and imported elsewhere), the 身份证号 masked.</summary>
    public static async Task<List<Dictionary<string, object?>>> SheetAsync(AppDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var experts = await db.Experts.AsNoTracking().OrderBy(e => e.Id).ToListAsync(ct);
        return experts.Select(e => new Dictionary<string, object?>
        {
            [ExpertSheet.Name] = e.Name, [ExpertSheet.IdNumber] = e.MaskedIdNumber, [ExpertSheet.Organisation] = e.Organisation, [ExpertSheet.Title] = e.Title,
            [ExpertSheet.Fields] = string.Join("、", e.FieldList), [ExpertSheet.Phone] = e.Phone, [ExpertSheet.Email] = e.Email,
            [ExpertSheet.Avoid] = string.Join("、", e.AvoidList), ["状态"] = e.Active ? "启用" : "停用",
        }).ToList();
    }

    /// <summary>
    /// The pool's or the ranking's rows through the one writer of every export (frozen header, neutralised cells), each
    /// column as wide as its header asks, within 10 to 40 characters.
    /// </summary>
    public static async Task WriteAsync(Stream output, IReadOnlyList<Dictionary<string, object?>> rows, string sheetName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            await output.SaveAsAsync(Array.Empty<Dictionary<string, object?>>(), sheetName: sheetName, cancellationToken: ct);
            return;
        }
        var columns = rows[0].Keys.Select(h => new Exports.Column(h, Math.Clamp(h.Length * 2 + 4, 10, 40))).ToList();
        await Exports.ExcelSheet.WriteAsync(output, sheetName, columns, rows.Select(r => columns.Select(c => r.GetValueOrDefault(c.Header)).ToArray()), ct);
    }

    /// <summary>A cell a spreadsheet would run as a formula (= + - @ first) is written as text.</summary>
    public static object? Neutralised(object? value) => Exports.ExcelSheet.Neutralised(value);

    private static string Normalise(string name) => name.Normalize().ToUpperInvariant();

    private static string? Text(object? cell) => Exports.ExcelSheet.TextOf(cell);
}
