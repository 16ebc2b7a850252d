using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Eligibility.Rules;

namespace Shenbao.Domain.Guides;

/// <summary>A call's guide as loaded from its file: identity, the guide's clauses, and each category with its rules.</summary>
public sealed record Guide(
    string Id,
    string City,
    int Year,
    string Version,
    string Title,
    IReadOnlyList<Clause> Clauses,
    IReadOnlyDictionary<string, string> AttachmentTypes,
    IReadOnlyList<Category> Categories)
{
    private readonly Dictionary<string, Category> byId = Categories.ToDictionary(c => c.Id);

    /// <summary>The facts the guide was loaded with: its forms and rules name only these.</summary>
    public FactCatalog Facts { get; init; } = FactCatalog.Standard;

    /// <summary>The most characters an application's form may hold in all (formMaxLength in the guide file).</summary>
    public required int FormMaxLength { get; init; }

    /// <summary>The guide file's text as loaded: what a what-if loads again with its overrides.</summary>
    public string Source { get; init; } = "";

    /// <summary>Every parameter of every rule as the file gives it, in the file's order: what a what-if may change and a diff compares.</summary>
    public IReadOnlyList<GuideParameter> Parameters { get; init; } = [];
    private readonly Dictionary<string, Clause> clauseById = Clauses.ToDictionary(c => c.Id);

    public Category? FindCategory(string id) => byId.GetValueOrDefault(id);

    public Clause? FindClause(string id) => clauseById.GetValueOrDefault(id);

    /// <summary>Every support field any category lists (each group under 重点研发 included), in the guide's order: what experts' 专业领域 are checked against.</summary>
    public IReadOnlyList<string> AllFields => Categories.SelectMany(c => c.Fields).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>A passage of the guide, quoted word for word; rules cite it by id, e.g. "一、支持对象".</summary>
public sealed record Clause(string Id, string Text);

/// <summary>A support field list, grouped by domain where the guide groups it (重点研发: 工业、农业、社会发展).</summary>
public sealed record FieldGroup(string? Domain, IReadOnlyList<string> Fields);

public sealed record Category(
    string Id,
    string Name,
    IReadOnlyList<FieldGroup> FieldGroups,
    IReadOnlyList<string> Attachments,
    IReadOnlyList<GuideRule> Rules,
    IReadOnlyList<FormSection> Form)
{
    public IEnumerable<string> Fields => FieldGroups.SelectMany(g => g.Fields);

    /// <summary>How the experts score it (rubric: in the guide file; every category has one).</summary>
    public Rubric Rubric { get; init; } = null!;

    /// <summary>How the form names a value's path (the path itself when no field of the form has it).</summary>
    public string LabelOf(string path) => Form.SelectMany(s => s.Fields).FirstOrDefault(f => f.Path == path)?.Label ?? path;
}

/// <summary>
/// A rule as a category uses it: its id, the clause it implements, what not meeting it means, and when it
/// applies at all (a rule whose condition is not met is left out of the verdict).
/// </summary>
public sealed record GuideRule(string Id, string Clause, Severity Severity, Rule Body, Rule? AppliesIf = null)
{
    /// <summary>The rule's Chinese name in the guide file (name): how pages list it; the id is for the contract.</summary>
    public string Name { get; init; } = Id;

    /// <summary>The facts the rule reads (contract paths), e.g. to tell profile rules from application rules.</summary>
    public IReadOnlySet<string> Reads { get; init; } = new HashSet<string>();

    /// <summary>Whether the rule reads only facts of the organisation (its profile), not of one application.</summary>
    public bool ReadsOnlyApplicant => Reads.All(f => !f.StartsWith("application.", StringComparison.Ordinal) && !f.StartsWith("context.", StringComparison.Ordinal));

    public RuleResult? Evaluate(Requests.EligibilityRequest request)
    {
        if (!Applies(request)) return null;
        var finding = Body.Check(request);
        var outcome = OutcomeOf(finding.Status);
        return new RuleResult(Id, Clause, outcome, finding.Message, Missing: finding.Status == Status.Missing && outcome is Outcome.Fail or Outcome.Warn);
    }

    /// <summary>The outcome alone, no message: what a what-if recount compares. Null when the rule does not apply.</summary>
    public Outcome? Judge(Requests.EligibilityRequest request) => Applies(request) ? OutcomeOf(Body.Test(request)) : null;

    private bool Applies(Requests.EligibilityRequest request) => AppliesIf is null || AppliesIf.Test(request) == Status.Met;

    private Outcome OutcomeOf(Status status) => (Severity, status) switch
    {
        (Severity.Manual, _) or (_, Status.Undecided) => Outcome.Manual,
        (_, Status.Met) => Outcome.Pass,
        (_, Status.Doubtful) or (Severity.Warn, _) => Outcome.Warn,
        _ => Outcome.Fail,
    };
}
