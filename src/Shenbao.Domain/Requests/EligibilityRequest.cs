namespace Shenbao.Domain.Requests;

/// <summary>One eligibility question: who applies, for what, as of which day. Shapes follow the JSON contract of spec/eligibility.md.</summary>
public sealed record EligibilityRequest(DateOnly AsOf, Applicant Applicant, ApplicationFacts Application, CheckContext Context)
{
    /// <summary>
    /// The values of facts a catalogue declares beyond the contract's (<see cref="Eligibility.FactCatalog.With"/>), by path:
    /// a bool, decimal, string or DateOnly each.
    /// </summary>
    public IReadOnlyDictionary<string, object> Declared { get; init; } = new Dictionary<string, object>();
}

public sealed record Applicant
{
    public string? Name { get; init; }
    /// <summary>Required by the request contract (checked there); no rule reads it, and an anonymous self-check has none.</summary>
    public string? CreditCode { get; init; }
    public required string Kind { get; init; }
    public bool? InHengyang { get; init; }
    public bool IndependentLegalPerson { get; init; } = true;
    public decimal? Employees { get; init; }
    public HighTechCertificate? HighTech { get; init; }
    public TechSmeAssessment? TechSme { get; init; }
    public IReadOnlyDictionary<int, FinanceYear>? Finance { get; init; }
    public IReadOnlyDictionary<int, decimal>? IurSpending { get; init; }
    public IReadOnlyList<Subsidy>? MajorProjectSubsidies { get; init; }
    public IReadOnlyList<Platform>? Platforms { get; init; }
    public bool? IpDispute { get; init; }
}

public sealed record HighTechCertificate(bool? Certified, string? CertificateNo, DateOnly? ValidTo);

public sealed record TechSmeAssessment(bool? SelfAssessed, int? Year);

public sealed record FinanceYear(decimal? Output, decimal? Revenue, decimal? Tax, decimal? Assets);

public sealed record Subsidy(int? Year);

public sealed record Platform(string? Id, string? Name, string? Type, string? Level);

public sealed record ApplicationFacts
{
    public required string Category { get; init; }
    public string? Field { get; init; }
    public string Tier { get; init; } = "general";
    public Leader? Leader { get; init; }
    public string? PlatformId { get; init; }
    public TechContract? Contract { get; init; }
    public Consortium? Consortium { get; init; }
    public Achievement? Achievement { get; init; }
    public IReadOnlyList<string>? Attachments { get; init; }
}

public sealed record Leader(string? Name, string? Title);

public sealed record TechContract
{
    public string? CounterpartyKind { get; init; }
    public string? Type { get; init; }
    public decimal? Amount { get; init; }
    public decimal? Paid { get; init; }
    public DateOnly? SignedOn { get; init; }
    public DateOnly? EffectiveOn { get; init; }
    public DateOnly? EndsOn { get; init; }
    public bool? Registered { get; init; }
    public string? RegistrationNo { get; init; }
    public bool? RelatedParty { get; init; }
}

public sealed record Consortium(IReadOnlyList<ConsortiumMember>? Members, bool? AgreementSigned);

public sealed record ConsortiumMember(string? Name, string? Kind);

public sealed record Achievement(decimal? Academic, decimal? Total);

public sealed record CheckContext(int ApplicationsOnSamePlatform = 0);
