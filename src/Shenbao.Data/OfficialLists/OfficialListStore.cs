using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shenbao.Domain.Experts;
using Shenbao.Domain.Guides;
using Shenbao.Domain.OfficialLists;
using Shenbao.Domain.Requests;

namespace Shenbao.Data.OfficialLists;

/// <summary>The official lists in the database: read from an .xlsx, staged as a new version, and the claims checked against the current one.</summary>
public static class OfficialListStore
{
    /// <summary>The workbook's first sheet as text cells; a file that is not a workbook is a single error of row 1.</summary>
    public static async Task<(IReadOnlyList<IReadOnlyList<string?>> Table, SheetError? Error)> CellsAsync(Stream xlsx, CancellationToken ct)
    {
        try
        {
            var rows = (await xlsx.QueryAsync(useHeaderRow: false, excelType: ExcelType.XLSX, cancellationToken: ct))
                .Select(row => (IReadOnlyList<string?>)((IDictionary<string, object?>)row).Values.Select(Exports.ExcelSheet.TextOf).ToList()).ToList();
            return rows.Count == 0 ? ([], new SheetError(1, "", "", "文件是空的：第1行须为表头")) : (rows, null);
        }
        // whatever a file that is not a workbook makes the reader throw, the answer is the same
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ([], new SheetError(1, "", "", "无法读取该文件：请上传 Excel 工作簿（.xlsx），第1行为表头"));
        }
    }

    /// <summary>The rows of an HTE certificate list or a contract registration list, every problem named.</summary>
    public static async Task<(int Rows, IReadOnlyList<SheetError> Errors, Func<int, IEnumerable<object>> Entries)> ReadAsync(Stream xlsx, OfficialListKind kind, CancellationToken ct)
    {
        var (table, error) = await CellsAsync(xlsx, ct);
        if (error is not null) return (0, [error], _ => []);
        if (kind == OfficialListKind.HteCertificates)
        {
            var read = OfficialListSheet.Certificates(table[0], table.Skip(1));
            return (read.Rows.Count, read.Errors, import => read.Rows.Select(r => (object)new HteCertificateEntry
            {
                ImportId = import, CertificateNo = r.CertificateNo, CompanyName = r.CompanyName, CreditCode = r.CreditCode, IssuedOn = r.IssuedOn, ValidUntil = r.ValidUntil,
            }));
        }
        var contracts = OfficialListSheet.Contracts(table[0], table.Skip(1));
        return (contracts.Rows.Count, contracts.Errors, import => contracts.Rows.Select(r => (object)new ContractRegistrationEntry
        {
            ImportId = import, RegistrationNo = r.RegistrationNo, ContractName = r.ContractName, Seller = r.Seller, Buyer = r.Buyer, Amount = r.Amount, RegisteredOn = r.RegisteredOn,
        }));
    }

    /// <summary>
    /// Saves a new version of the list with its rows, in one transaction: the list checked against from then on. Two
    /// imports at once cannot take one version (its unique index refuses the second).
    /// </summary>
    public static async Task<OfficialListImport> ImportAsync(AppDbContext db, OfficialListKind kind, string fileName, int rows, Func<int, IEnumerable<object>> entries,
        string importedBy, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        var version = (await db.OfficialListImports.Where(i => i.Kind == kind).MaxAsync(i => (int?)i.Version, ct) ?? 0) + 1;
        var import = new OfficialListImport { Kind = kind, Version = version, ImportedAt = now, ImportedBy = importedBy, FileName = Path.GetFileName(fileName), Rows = rows };
        db.OfficialListImports.Add(import);
        await db.SaveChangesAsync(ct);
        db.AddRange(entries(import.Id));
        await db.SaveChangesAsync(ct);
        return import;
    }

    /// <summary>The list of a kind checked against now: the highest version, or null before the first import.</summary>
    public static Task<OfficialListImport?> CurrentAsync(AppDbContext db, OfficialListKind kind, CancellationToken ct) =>
        db.OfficialListImports.AsNoTracking().Where(i => i.Kind == kind).OrderByDescending(i => i.Version).FirstOrDefaultAsync(ct);

    public static ListSource SourceOf(OfficialListImport import)
    {
        ArgumentNullException.ThrowIfNull(import);
        return new(OfficialListImport.Name(import.Kind), import.Version, import.ImportedAt);
    }

    /// <summary>What the current HTE list says of the organisation's certificate on the day judged; null without a claim or a list.</summary>
    public static async Task<ListFinding?> CertificateFindingAsync(AppDbContext db, Applicant applicant, DateOnly asOf, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(applicant);
        if (applicant.HighTech?.CertificateNo?.Trim() is not { Length: > 0 } certificate
            || await CurrentAsync(db, OfficialListKind.HteCertificates, ct) is not { } certificates) return null;
        var listed = await db.HteCertificates.AsNoTracking().Where(c => c.ImportId == certificates.Id && c.CertificateNo == certificate)
            .Select(c => new HteCertificate(c.CertificateNo, c.CompanyName, c.CreditCode, c.IssuedOn, c.ValidUntil)).ToListAsync(ct);
        return ListChecks.Certificate(certificate, applicant.CreditCode ?? "", asOf, listed.ToDictionary(c => c.CertificateNo), SourceOf(certificates));
    }

    /// <summary>What the current lists say of the claims a submission froze (its facts as the rules read them, its form as typed).</summary>
    public static async Task<IReadOnlyList<ListFinding>> FindingsAsync(AppDbContext db, SubmissionSnapshot snapshot, Guide guide, Category category, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var frozen = snapshot.ToSnapshot();
        return RequestReader.Read(frozen.Facts, guide, frozen.AsOf) is ReadResult.Parsed parsed
            ? await FindingsAsync(db, parsed.Request, category, frozen.FormValues, ct)
            : [];
    }

    /// <summary>
    /// What the current lists say of an application's claims: its organisation's HTE certificate (number and credit
    /// code, valid on the day judged) and its contract registration (number, amount, and the applicant with the
    /// counterparty the form's partner fields name). Nothing for a list not yet imported or a claim not made.
    /// </summary>
    public static async Task<IReadOnlyList<ListFinding>> FindingsAsync(AppDbContext db, EligibilityRequest request, Category category,
        IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(form);
        var findings = new List<ListFinding>();
        if (await CertificateFindingAsync(db, request.Applicant, request.AsOf, ct) is { } certified) findings.Add(certified);
        if (request.Application.Contract?.RegistrationNo?.Trim() is { Length: > 0 } registration
            && await CurrentAsync(db, OfficialListKind.ContractRegistrations, ct) is { } contracts)
        {
            var listed = await db.ContractRegistrations.AsNoTracking().Where(c => c.ImportId == contracts.Id && c.RegistrationNo == registration)
                .Select(c => new ContractRegistration(c.RegistrationNo, c.ContractName, c.Seller, c.Buyer, c.Amount, c.RegisteredOn)).ToListAsync(ct);
            // the counterparty is the form's own partner field (marked `partner: true` in the guide), not a fact of the rules
            var counterparty = category.Form.SelectMany(s => s.Fields).Where(f => f.Partner && f.Type == FieldType.Text)
                .Select(f => form.GetValueOrDefault(f.Path)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
            if (ListChecks.Contract(registration, request.Application.Contract.Amount, (request.Applicant.Name ?? "", counterparty), listed.ToDictionary(c => c.RegistrationNo), SourceOf(contracts)) is { } finding)
                findings.Add(finding);
        }
        return findings;
    }
}
