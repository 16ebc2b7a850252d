using System.Globalization;
using System.Text.Json;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Applications;

/// <summary>
/// The application's facts from its form, in one pure parse of the text as typed: each value read by the contract
/// type of its path, every malformed value reported at its field and left out, so that every other rule still runs.
/// The application's own text (project.…, narrative.…) is not a fact and is not read here.
/// </summary>
public static class FormFacts
{
    /// <summary>The contract's application facts a form may fill (the catalogue's, not a list of its own).</summary>
    public static IReadOnlySet<string> Paths { get; } = FactCatalog.Standard.Filled(FilledIn.Form).Select(f => f.Path).ToHashSet();

    /// <summary>The form's facts: the contract's in their typed places, a declared fact's value by its path.</summary>
    public sealed record Result(ApplicationFacts Facts, IReadOnlyDictionary<string, object> Declared, IReadOnlyList<InputError> Errors);

    /// <summary>Reads the form of a guide's category with the facts the guide was loaded with.</summary>
    public static Result Read(Guide guide, Category category, IReadOnlyDictionary<string, string> values,
        IEnumerable<string> attachmentTypes, IReadOnlyList<Platform>? platforms)
    {
        ArgumentNullException.ThrowIfNull(guide);
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(values);
        var errors = new List<InputError>();
        var typed = new Dictionary<string, string>();
        var read = new Dictionary<string, object>();
        foreach (var field in category.Form.SelectMany(s => s.Fields))
        {
            if (guide.Facts.Find(field.Path) is not { FilledIn: FilledIn.Form } fact || values.GetValueOrDefault(field.Path)?.Trim() is not { Length: > 0 } text) continue;
            typed[field.Path] = text;
            if (Parse(fact, text, errors) is { } value) read[field.Path] = value;
        }

        decimal? Number(string path) => read.TryGetValue(path, out var v) ? (decimal)v : null;
        string? Text(string path) => read.TryGetValue(path, out var v) ? (string)v : null;
        bool? Flag(string path) => read.TryGetValue(path, out var v) ? (bool)v : null;
        DateOnly? Date(string path) => read.TryGetValue(path, out var v) ? (DateOnly)v : null;
        // a group is there when any of its fields was typed, even wrongly: the rules then name the field, not the group
        bool Typed(string prefix) => typed.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal));

        var platformId = Text("application.platformId");
        if (platformId is not null && platforms?.Any(p => p.Id == platformId) != true)
        {
            errors.Add(new("application.platformId", $"平台“{platformId}”不在申报单位的科研平台和学科中"));
            platformId = null;
        }

        var (amount, paid) = (Number("application.contract.amount"), Number("application.contract.paid"));
        if (amount is { } a && paid is { } p && p > a)
        {
            errors.Add(new("application.contract.paid", $"已支付金额（{Money.Format(p)} 元）不能大于合同总金额（{Money.Format(a)} 元）"));
            paid = null;
        }
        // a contract takes effect and ends on or after the day it is signed
        var (signedOn, effectiveOn, endsOn) = (Date("application.contract.signedOn"), Date("application.contract.effectiveOn"), Date("application.contract.endsOn"));
        if (signedOn is { } signed && effectiveOn is { } effective && effective < signed)
        {
            errors.Add(new("application.contract.effectiveOn", $"合同生效日期（{effective:yyyy-MM-dd}）早于签订日期（{signed:yyyy-MM-dd}），请核对"));
            effectiveOn = null;
        }
        if (signedOn is { } start && endsOn is { } end && end < start)
        {
            errors.Add(new("application.contract.endsOn", $"合同执行结束日期（{end:yyyy-MM-dd}）早于签订日期（{start:yyyy-MM-dd}），请核对"));
            endsOn = null;
        }
        // the budget fields the guide names (column: total-budget, requested-funding): the request cannot exceed the whole
        var budget = category.Form.SelectMany(s => s.Fields).Where(f => f.Column is "total-budget" or "requested-funding").ToDictionary(f => f.Column!);
        if (budget.TryGetValue("total-budget", out var totalField) && budget.TryGetValue("requested-funding", out var requestedField)
            && Money.Parse(values.GetValueOrDefault(totalField.Path)) is { } whole && Money.Parse(values.GetValueOrDefault(requestedField.Path)) is { } requested && requested > whole)
            errors.Add(new(requestedField.Path, $"{requestedField.Label.Split('（')[0]}（{Money.Format(requested)} 元）不能大于{totalField.Label.Split('（')[0]}（{Money.Format(whole)} 元）"));
        var (academic, total) = (Number("application.achievement.mainContributors.academic"), Number("application.achievement.mainContributors.total"));
        if (academic is { } x && total is { } y && x > y)
        {
            errors.Add(new("application.achievement.mainContributors.academic", $"高校和科研机构人员数（{x}）不能大于主要完成人总数（{y}）"));
            academic = null;
        }

        var types = attachmentTypes.Distinct().Order(StringComparer.Ordinal).ToList();
        var facts = new ApplicationFacts
        {
            Category = category.Id,
            Field = Text("application.field"),
            Tier = Text("application.tier") ?? "general",
            Leader = Typed("application.leader.") ? new Leader(Text("application.leader.name"), Text("application.leader.title")) : null,
            PlatformId = platformId,
            Contract = Typed("application.contract.")
                ? new TechContract
                {
                    CounterpartyKind = Text("application.contract.counterpartyKind"),
                    Type = Text("application.contract.type"),
                    Amount = amount,
                    Paid = paid,
                    SignedOn = signedOn,
                    EffectiveOn = effectiveOn,
                    EndsOn = endsOn,
                    Registered = Flag("application.contract.registered"),
                    RegistrationNo = Text("application.contract.registrationNo"),
                    RelatedParty = Flag("application.contract.relatedParty"),
                }
                : null,
            Consortium = Typed("application.consortium.")
                ? new Consortium(read.TryGetValue("application.consortium.members", out var members) ? (IReadOnlyList<ConsortiumMember>)members : null,
                    Flag("application.consortium.agreementSigned"))
                : null,
            Achievement = Typed("application.achievement.") ? new Achievement(academic, total) : null,
            Attachments = types.Count > 0 ? types : null,
        };
        var declared = read.Where(p => guide.Facts.IsDeclared(p.Key)).ToDictionary(p => p.Key, p => p.Value);
        return new Result(facts, declared, errors);
    }

    /// <summary>
    /// A fact's value from the text a person typed, by the fact's type; null, with the reason added to
    /// <paramref name="errors"/> at the fact's path, when the text is not such a value.
    /// </summary>
    public static object? Parse(FactDefinition fact, string text, ICollection<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(fact);
        ArgumentNullException.ThrowIfNull(errors);
        var path = fact.Path;
        switch (fact.Type)
        {
            case FactType.Text:
                return text;
            case FactType.Word when fact.Words!.Contains(text):
                return text;
            case FactType.Word:
                errors.Add(new(path, $"{fact.Words.Name}“{text}”无效，应为：{fact.Words.Describe()}"));
                return null;
            case FactType.Amount or FactType.WholeNumber:
                switch (Money.Parse(text))
                {
                    case null:
                        errors.Add(new(path, fact.Type == FactType.WholeNumber ? "应为整数" : "应为数字"));
                        return null;
                    case < 0 and var negative:
                        errors.Add(new(path, $"不能为负数（实际为 {negative.ToString(CultureInfo.InvariantCulture)}）"));
                        return null;
                    case > Money.Largest:
                        errors.Add(new(path, Money.TooLarge));
                        return null;
                    case var number when fact.Type == FactType.WholeNumber && number != decimal.Truncate(number.Value):
                        errors.Add(new(path, "应为整数"));
                        return null;
                    case > int.MaxValue when fact.Type == FactType.WholeNumber:
                        errors.Add(new(path, $"数值过大，应不超过 {int.MaxValue.ToString("N0", CultureInfo.InvariantCulture)}"));
                        return null;
                    case var number when fact.Type == FactType.WholeNumber:
                        return decimal.Truncate(number.Value);   // "12.0" is 12, written and read back as a whole number
                    case var number:
                        return number.Value;
                }
            case FactType.Date when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                return date;
            case FactType.Date:
                errors.Add(new(path, $"日期“{text}”格式错误，应为 YYYY-MM-DD 的有效日期"));
                return null;
            case FactType.Flag:
                switch (text)
                {
                    case "true": return true;
                    case "false": return false;
                    default:
                        errors.Add(new(path, "请选择“是”或“否”"));
                        return null;
                }
            case FactType.Members:
                return Members(path, text, errors);
            default:
                throw new InvalidOperationException($"A form cannot fill '{path}' of type {fact.Type}.");
        }
    }

    /// <summary>The member rows as the form stores them (a list of name and kind), each kind a contract word.</summary>
    private static List<ConsortiumMember>? Members(string path, string text, ICollection<InputError> errors)
    {
        List<MemberText>? rows;
        try
        {
            rows = JsonSerializer.Deserialize<List<MemberText>>(text, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            errors.Add(new(path, "成员单位无法读取，请重新填写"));
            return null;
        }
        var members = new List<ConsortiumMember>();
        foreach (var (row, i) in (rows ?? []).Select((r, i) => (r, i)))
        {
            if (string.IsNullOrWhiteSpace(row.Name)) continue;
            var kind = string.IsNullOrWhiteSpace(row.Kind) ? null : row.Kind.Trim();
            if (kind is not null && !Vocabulary.OrganisationKinds.Contains(kind))
            {
                errors.Add(new($"{path}.{i}.kind", $"{Vocabulary.OrganisationKinds.Name}“{kind}”无效，应为：{Vocabulary.OrganisationKinds.Describe()}"));
                kind = null;
            }
            members.Add(new ConsortiumMember(row.Name.Trim(), kind));
        }
        return members;
    }

    private sealed record MemberText(string? Name, string? Kind);
}
