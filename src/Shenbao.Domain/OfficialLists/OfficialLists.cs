using Shenbao.Domain.Experts;

namespace Shenbao.Domain.OfficialLists;

/// <summary>One row of the official list of 高新技术企业 certificates.</summary>
public sealed record HteCertificate(string CertificateNo, string CompanyName, string CreditCode, DateOnly IssuedOn, DateOnly ValidUntil);

/// <summary>One row of the official list of registered technology contracts (全国技术合同认定登记).</summary>
public sealed record ContractRegistration(string RegistrationNo, string ContractName, string Seller, string Buyer, decimal Amount, DateOnly RegisteredOn);

/// <summary>A list as read: every row valid, or every problem found (and then nothing is imported).</summary>
public sealed record ListRead<T>(IReadOnlyList<T> Rows, IReadOnlyList<SheetError> Errors)
{
    public bool Valid => Errors.Count == 0;
}

/// <summary>Which import of which list a finding rests on, so that it can be cited: 名单名称（第N版，导入日期）.</summary>
public sealed record ListSource(string Name, int Version, DateTimeOffset ImportedAt)
{
    public string Cite() => $"{Name}（第{Version}版，{Eligibility.ChinaTime.Describe(ImportedAt)}导入）";
}

/// <summary>What an official list says of one claim: a mismatch to look into (Flagged), or the claim confirmed.</summary>
public sealed record ListFinding(bool Flagged, string Message);

/// <summary>
/// The applicant's claims against the official lists: a 高新技术企业 certificate not on the list, listed under another
/// credit code, or expired on the day judged; a contract registration number not on the list, or listed with another
/// amount or other parties. Each finding cites the list and its import.
/// </summary>
public static class ListChecks
{
    public static ListFinding? Certificate(string? certificateNo, string creditCode, DateOnly asOf, IReadOnlyDictionary<string, HteCertificate> list, ListSource source)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(source);
        if (string.IsNullOrWhiteSpace(certificateNo)) return null;
        var number = certificateNo.Trim();
        if (!list.TryGetValue(number, out var listed))
            return new(true, $"高新技术企业证书编号 {number} 不在{source.Cite()}中");
        if (!string.Equals(listed.CreditCode, creditCode.Trim(), StringComparison.OrdinalIgnoreCase))
            return new(true, $"高新技术企业证书 {number} 在{source.Cite()}中登记于统一社会信用代码 {listed.CreditCode}（{listed.CompanyName}），不是申报单位的 {creditCode}");
        if (listed.ValidUntil < asOf)
            return new(true, $"高新技术企业证书 {number} 据{source.Cite()}有效期至 {Requests.ChineseDate.Format(listed.ValidUntil)}，申报日 {Requests.ChineseDate.Format(asOf)} 已过期");
        return new(false, $"高新技术企业证书 {number} 与{source.Cite()}一致：{listed.CompanyName}，有效期至 {Requests.ChineseDate.Format(listed.ValidUntil)}");
    }

    /// <param name="parties">The applicant and its counterparty, in either order of seller and buyer.</param>
    public static ListFinding? Contract(string? registrationNo, decimal? amount, (string Applicant, string? Counterparty) parties, IReadOnlyDictionary<string, ContractRegistration> list, ListSource source)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(source);
        if (string.IsNullOrWhiteSpace(registrationNo)) return null;
        var number = registrationNo.Trim();
        if (!list.TryGetValue(number, out var listed))
            return new(true, $"技术合同登记编号 {number} 不在{source.Cite()}中");
        var problems = new List<string>();
        if (amount is { } claimed && claimed != listed.Amount)
            problems.Add($"成交金额登记为 {Requests.Money.Format(listed.Amount)} 元，申报为 {Requests.Money.Format(claimed)} 元");
        var sameParties = (OrganisationNames.Same(listed.Seller, parties.Applicant) && (parties.Counterparty is null || OrganisationNames.Same(listed.Buyer, parties.Counterparty)))
            || (OrganisationNames.Same(listed.Buyer, parties.Applicant) && (parties.Counterparty is null || OrganisationNames.Same(listed.Seller, parties.Counterparty)));
        if (!sameParties)
            problems.Add($"登记的卖方为“{listed.Seller}”、买方为“{listed.Buyer}”，申报为“{parties.Applicant}”与“{parties.Counterparty ?? "（未填写）"}”");
        return problems.Count > 0
            ? new(true, $"技术合同 {number} 与{source.Cite()}不符：{string.Join("；", problems)}")
            : new(false, $"技术合同 {number} 与{source.Cite()}一致：{listed.ContractName}，成交金额 {Requests.Money.Format(listed.Amount)} 元");
    }
}
