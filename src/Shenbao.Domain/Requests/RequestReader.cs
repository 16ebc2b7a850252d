using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;

namespace Shenbao.Domain.Requests;

/// <summary>An organisation's profile as read: its typed facts, its declared facts' values by path, and what did not read.</summary>
public sealed record ProfileRead(Applicant Applicant, IReadOnlyDictionary<string, object> Declared, IReadOnlyList<InputError> Errors);

/// <summary>The request as read: either a typed request or every input error found in it.</summary>
public abstract record ReadResult
{
    private ReadResult() { }
    public sealed record Parsed(EligibilityRequest Request) : ReadResult;
    public sealed record Invalid(IReadOnlyList<InputError> Errors) : ReadResult;
}

/// <summary>
/// Turns the JSON of a check request into an <see cref="EligibilityRequest"/>, validating it against the
/// contract and the guide (categories and attachment types are the guide's). Reports every error, not the first.
/// </summary>
public static class RequestReader
{
    public static ReadResult Read(string json, Guide guide, DateOnly today) =>
        Read(Encoding.UTF8.GetBytes(json), guide, today);

    public static ReadResult Read(ReadOnlyMemory<byte> utf8Json, Guide guide, DateOnly today)
    {
        // Windows tools (Notepad, PowerShell) begin UTF-8 with a byte-order mark, which RFC 8259 lets a reader ignore
        if (utf8Json.Span.StartsWith("\uFEFF"u8)) utf8Json = utf8Json[3..];
        // a string that is not text cannot be checked; reading it later would throw instead of saying so
        if (!Utf8.IsValid(utf8Json.Span))
            return new ReadResult.Invalid([new InputError("", $"请求不是有效的 UTF-8 文本（第{Utf8Problem(utf8Json.Span)}字节附近），请以 UTF-8 编码发送")]);
        JsonDocument document;
        try
        {
            // before the names are compared for duplicates: comparing one holding half a surrogate pair would throw
            if (LoneSurrogate(utf8Json.Span) is { } surrogateLine)
                return new ReadResult.Invalid([new InputError("", $"第{surrogateLine}行的字符串含有无效的 Unicode 转义（单独的 \\uD800–\\uDFFF 代理项），请改为完整的字符")]);
            // a name given twice would be read as one of its values without saying which: refused, like a trailing comma
            document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { AllowTrailingCommas = false, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            return new ReadResult.Invalid([new InputError("", $"JSON 格式错误（第{line}行第{column}列附近），请检查括号、引号、逗号和重复的字段名")]);
        }
        using (document)
            return Read(document.RootElement, guide, today);
    }

    /// <summary>
    /// A request this system wrote itself and froze (a submission's facts part): read straight from its text, without the
    /// encoding checks a request from outside needs. Anything the guide no longer reads is still reported.
    /// </summary>
    public static ReadResult ReadFrozen(string json, Guide guide, DateOnly asOf)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement, guide, asOf);
        }
        catch (JsonException)
        {
            return new ReadResult.Invalid([new InputError("", "冻结的提交内容不是有效的 JSON")]);
        }
    }

    /// <summary>The 1-based offset of the first byte that is not UTF-8.</summary>
    private static int Utf8Problem(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length && Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done) offset += consumed;
        return offset + 1;
    }

    /// <summary>
    /// The line of the first string or name whose \u escapes leave half a surrogate pair: valid JSON, but no text,
    /// and reading it as a string would throw. Null when there is none.
    /// </summary>
    private static int? LoneSurrogate(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped && HalfAPair(reader.ValueSpan))
                return json[..(int)reader.TokenStartIndex].Count((byte)'\n') + 1;
        return null;
    }

    /// <summary>Whether the escapes of a raw JSON string hold a high surrogate not followed by a low one, or a low one alone.</summary>
    private static bool HalfAPair(ReadOnlySpan<byte> raw)
    {
        var awaitingLow = false;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\')
            {
                if (awaitingLow) return true;
                continue;
            }
            // the reader has checked every escape: \uXXXX has four hex digits, any other is one character
            if (raw[i + 1] != (byte)'u')
            {
                if (awaitingLow) return true;
                i++;
                continue;
            }
            if (!System.Buffers.Text.Utf8Parser.TryParse(raw.Slice(i + 2, 4), out ushort code, out _, 'X')) return false;
            var (high, low) = (code is >= 0xD800 and <= 0xDBFF, code is >= 0xDC00 and <= 0xDFFF);
            if (awaitingLow != low) return true;
            awaitingLow = high;
            i += 5;
        }
        return awaitingLow;
    }

    public static ReadResult Read(JsonElement root, Guide guide, DateOnly today)
    {
        var json = new JsonFields([]);
        if (root.ValueKind != JsonValueKind.Object)
            return new ReadResult.Invalid([new InputError("", "请求应为 JSON 对象（{…}）")]);

        var asOf = json.Date(root, "asOf", "") ?? today;
        var applicant = json.Object(root, "applicant", "", required: true) is { } a ? ReadApplicant(json, a) : null;
        var application = json.Object(root, "application", "", required: true) is { } b ? ReadApplication(json, b, guide, applicant) : null;
        var context = json.Object(root, "context", "") is { } c
            ? new CheckContext(json.WholeNumber(c, "applicationsOnSamePlatform", "context") ?? 0)
            : new CheckContext();

        var declared = ReadDeclared(json, root, guide.Facts.Declared, "");
        return json.Errors.Count == 0 && applicant is not null && application is not null
            ? new ReadResult.Parsed(new EligibilityRequest(asOf, applicant, application, context) { Declared = declared })
            : new ReadResult.Invalid(json.Errors);
    }

    private static Applicant? ReadApplicant(JsonFields json, JsonElement a)
    {
        const string at = "applicant";
        var creditCode = json.String(a, "creditCode", at, required: true);
        if (creditCode is not null && CreditCode.Problem(creditCode) is { } problem)
            json.Errors.Add(new("applicant.creditCode", problem));
        var kind = json.Word(a, "kind", at, Vocabulary.OrganisationKinds, required: true);
        var name = json.String(a, "name", at);
        var inHengyang = json.Flag(a, "inHengyang", at);
        var profile = ReadProfileFacts(json, a, kind ?? "");
        return creditCode is null || kind is null ? null : profile with { Name = name, CreditCode = creditCode, InHengyang = inHengyang };
    }

    /// <summary>
    /// The facts an organisation's profile holds, as stored in the request contract's "applicant" shape, for the
    /// organisation <paramref name="identity"/> names (who it is comes from its registration, not from the profile).
    /// A malformed stored value is left out with an error at its path; every other fact is kept.
    /// </summary>
    public static ProfileRead ReadProfile(JsonElement profile, Applicant identity, FactCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var json = new JsonFields([]);
        if (profile.ValueKind != JsonValueKind.Object) return new(identity, new Dictionary<string, object>(), [new InputError("applicant", "单位信息应为对象（{…}）")]);
        var facts = ReadProfileFacts(json, profile, identity.Kind);
        var declared = ReadDeclared(json, profile, (catalog ?? FactCatalog.Standard).Declared.Where(f => f.Holder == FactHolder.Applicant), "applicant.");
        return new(facts with { Name = identity.Name, CreditCode = identity.CreditCode, InHengyang = identity.InHengyang }, declared, json.Errors);
    }

    /// <summary>
    /// The values of declared facts (by their path after <paramref name="prefix"/>), each read by its type; a malformed
    /// one is an error at its path.
    /// </summary>
    private static Dictionary<string, object> ReadDeclared(JsonFields json, JsonElement root, IEnumerable<FactDefinition> facts, string prefix)
    {
        var values = new Dictionary<string, object>();
        foreach (var fact in facts)
        {
            var parts = fact.Path[prefix.Length..].Split('.');
            JsonElement? parent = root;
            foreach (var part in parts[..^1])
                parent = parent is { } p && JsonFields.Get(p, part) is { ValueKind: JsonValueKind.Object } next ? next : null;
            if (parent is not { } holder) continue;
            var at = fact.Path[..fact.Path.LastIndexOf('.')];
            var name = parts[^1];
            object? value = fact.Type switch
            {
                FactType.Flag => json.Flag(holder, name, at),
                FactType.Amount => json.Amount(holder, name, at),
                FactType.WholeNumber => json.WholeNumber(holder, name, at) is { } n ? (decimal)n : null,
                FactType.Text => json.String(holder, name, at),
                FactType.Word => json.Word(holder, name, at, fact.Words!),
                FactType.Date => json.Date(holder, name, at),
                _ => throw new System.Diagnostics.UnreachableException(),
            };
            if (value is not null) values[fact.Path] = value;
        }
        return values;
    }

    /// <summary>Everything of "applicant" but who it is (credit code, name, whether in the city), which its caller adds.</summary>
    private static Applicant ReadProfileFacts(JsonFields json, JsonElement a, string kind)
    {
        const string at = "applicant";
        var highTech = json.Object(a, "highTech", at) is { } h
            ? new HighTechCertificate(json.Flag(h, "certified", "applicant.highTech"), json.String(h, "certificateNo", "applicant.highTech"), json.Date(h, "validTo", "applicant.highTech"))
            : null;
        var techSme = json.Object(a, "techSme", at) is { } t
            ? new TechSmeAssessment(json.Flag(t, "selfAssessed", "applicant.techSme"), json.WholeNumber(t, "year", "applicant.techSme"))
            : null;

        var finance = new Dictionary<int, FinanceYear>();
        var financeYears = json.Years(a, "finance", at, out var hasFinance);
        foreach (var (year, value, path) in financeYears)
        {
            if (value.ValueKind != JsonValueKind.Object) { json.Errors.Add(new(path, "应为对象（{…}）")); continue; }
            finance[year] = new FinanceYear(json.Amount(value, "output", path), json.Amount(value, "revenue", path), json.Amount(value, "tax", path), json.Amount(value, "assets", path));
        }

        var iur = new Dictionary<int, decimal>();
        var iurYears = json.Years(a, "iurSpending", at, out var hasIur);
        foreach (var (year, value, path) in iurYears)
            if (json.Amount(value, path) is { } amount) iur[year] = amount;

        var subsidies = json.Array(a, "majorProjectSubsidies", at, out var hasSubsidies)
            .Select(s => s.Item.ValueKind == JsonValueKind.Object
                ? new Subsidy(json.WholeNumber(s.Item, "year", s.Path))
                : NotAnObject<Subsidy>(json, s.Path))
            .OfType<Subsidy>()
            .ToList();

        var platforms = json.Array(a, "platforms", at, out var hasPlatforms)
            .Select(p => p.Item.ValueKind == JsonValueKind.Object
                ? new Platform(json.String(p.Item, "id", p.Path), json.String(p.Item, "name", p.Path),
                    json.Word(p.Item, "type", p.Path, Vocabulary.PlatformTypes), json.Word(p.Item, "level", p.Path, Vocabulary.PlatformLevels))
                : NotAnObject<Platform>(json, p.Path))
            .OfType<Platform>()
            .ToList();

        return new Applicant
        {
            Kind = kind,
            IndependentLegalPerson = json.Flag(a, "independentLegalPerson", at) ?? true,
            Employees = json.Amount(a, "employees", at),
            HighTech = highTech,
            TechSme = techSme,
            Finance = hasFinance ? finance : null,
            IurSpending = hasIur ? iur : null,
            MajorProjectSubsidies = hasSubsidies ? subsidies : null,
            Platforms = hasPlatforms ? platforms : null,
            IpDispute = json.Flag(a, "ipDispute", at),
        };
    }

    private static ApplicationFacts? ReadApplication(JsonFields json, JsonElement b, Guide guide, Applicant? applicant)
    {
        const string at = "application";
        var category = json.String(b, "category", at, required: true);
        if (category is not null && guide.FindCategory(category) is null)
        {
            json.Errors.Add(new("application.category", $"类别“{category}”不存在，应为：{string.Join("、", guide.Categories.Select(c => $"{c.Id}（{c.Name}）"))}"));
            category = null;
        }

        var platformId = json.String(b, "platformId", at);
        if (platformId is not null && applicant is not null && applicant.Platforms?.Any(p => p.Id == platformId) != true)
            json.Errors.Add(new("application.platformId", $"平台“{platformId}”不在申报单位的科研平台和学科中"));

        var contract = json.Object(b, "contract", at) is { } c ? ReadContract(json, c) : null;

        Consortium? consortium = null;
        if (json.Object(b, "consortium", at) is { } k)
        {
            var members = json.Array(k, "members", "application.consortium", out var hasMembers)
                .Select(m => m.Item.ValueKind == JsonValueKind.Object
                    ? new ConsortiumMember(json.String(m.Item, "name", m.Path), json.Word(m.Item, "kind", m.Path, Vocabulary.OrganisationKinds))
                    : NotAnObject<ConsortiumMember>(json, m.Path))
                .OfType<ConsortiumMember>()
                .ToList();
            consortium = new Consortium(hasMembers ? members : null, json.Flag(k, "agreementSigned", "application.consortium"));
        }

        Achievement? achievement = null;
        if (json.Object(b, "achievement", at) is { } ach && json.Object(ach, "mainContributors", "application.achievement") is { } mc)
        {
            const string mcPath = "application.achievement.mainContributors";
            achievement = new Achievement(json.Amount(mc, "academic", mcPath), json.Amount(mc, "total", mcPath));
            if (achievement is { Academic: { } academic, Total: { } total } && academic > total)
                json.Errors.Add(new($"{mcPath}.academic", $"高校和科研机构人员数（{academic}）不能大于主要完成人总数（{total}）"));
        }

        var attachments = json.Array(b, "attachments", at, out var hasAttachments)
            .Select(x => x.Item.ValueKind == JsonValueKind.String && guide.AttachmentTypes.ContainsKey(x.Item.GetString()!)
                ? x.Item.GetString()!
                : UnknownAttachment(json, x.Item, x.Path, guide))
            .ToList();

        var leader = json.Object(b, "leader", at) is { } l
            ? new Leader(json.String(l, "name", "application.leader"), json.Word(l, "title", "application.leader", Vocabulary.Titles))
            : null;
        var field = json.String(b, "field", at);
        var tier = json.Word(b, "tier", at, Vocabulary.Tiers);

        if (category is null) return null;
        return new ApplicationFacts
        {
            Category = category,
            Field = field,
            Tier = tier ?? "general",
            Leader = leader,
            PlatformId = platformId,
            Contract = contract,
            Consortium = consortium,
            Achievement = achievement,
            Attachments = hasAttachments ? attachments : null,
        };
    }

    private static TechContract ReadContract(JsonFields json, JsonElement c)
    {
        const string at = "application.contract";
        var contract = new TechContract
        {
            CounterpartyKind = json.Word(c, "counterpartyKind", at, Vocabulary.OrganisationKinds),
            Type = json.Word(c, "type", at, Vocabulary.ContractTypes),
            Amount = json.Amount(c, "amount", at),
            Paid = json.Amount(c, "paid", at),
            SignedOn = json.Date(c, "signedOn", at),
            EffectiveOn = json.Date(c, "effectiveOn", at),
            EndsOn = json.Date(c, "endsOn", at),
            Registered = json.Flag(c, "registered", at),
            RegistrationNo = json.String(c, "registrationNo", at),
            RelatedParty = json.Flag(c, "relatedParty", at),
        };
        if (contract is { Amount: { } amount, Paid: { } paid } && paid > amount)
            json.Errors.Add(new($"{at}.paid", $"已支付金额（{Money.Format(paid)} 元）不能大于合同总金额（{Money.Format(amount)} 元）"));
        return contract;
    }

    private static string UnknownAttachment(JsonFields json, JsonElement item, string path, Guide guide)
    {
        var known = string.Join("、", guide.AttachmentTypes.Select(p => $"{p.Key}（{p.Value}）"));
        json.Errors.Add(new(path, item.ValueKind == JsonValueKind.String
            ? $"附件类型“{item.GetString()}”无效，应为：{known}"
            : $"应为附件类型文本，可选：{known}"));
        return "";
    }

    /// <summary>Records a list item that is not an object; the item is dropped (the request is invalid anyway).</summary>
    private static T? NotAnObject<T>(JsonFields json, string path) where T : class
    {
        json.Errors.Add(new(path, "应为对象（{…}）"));
        return null;
    }
}
