namespace Shenbao.Data.OfficialLists;

public enum OfficialListKind { HteCertificates, ContractRegistrations }

/// <summary>
/// One import of an official list: a new import of a kind replaces the one before as the list checked against (the
/// highest version), and every earlier version is kept with its rows, so a finding can always be traced to the list it cited.
/// </summary>
public sealed class OfficialListImport
{
    public int Id { get; set; }
    public OfficialListKind Kind { get; set; }
    /// <summary>1, 2, … per kind, in import order.</summary>
    public int Version { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public required string ImportedBy { get; set; }
    public required string FileName { get; set; }
    public int Rows { get; set; }

    public static string Name(OfficialListKind kind) => kind switch
    {
        OfficialListKind.HteCertificates => "高新技术企业名单",
        OfficialListKind.ContractRegistrations => "技术合同登记名单",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

public sealed class HteCertificateEntry
{
    public long Id { get; set; }
    public int ImportId { get; set; }
    public required string CertificateNo { get; set; }
    public required string CompanyName { get; set; }
    public required string CreditCode { get; set; }
    public DateOnly IssuedOn { get; set; }
    public DateOnly ValidUntil { get; set; }
}

public sealed class ContractRegistrationEntry
{
    public long Id { get; set; }
    public int ImportId { get; set; }
    public required string RegistrationNo { get; set; }
    public required string ContractName { get; set; }
    public required string Seller { get; set; }
    public required string Buyer { get; set; }
    public decimal Amount { get; set; }
    public DateOnly RegisteredOn { get; set; }
}
