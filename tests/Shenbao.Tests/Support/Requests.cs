using System.Text.Json.Nodes;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Tests.Support;

/// <summary>
/// A request per category that meets every rule of the 2025 guide, as a JSON tree that a test changes in one
/// place to probe one rule at its boundary.
/// </summary>
public static class Requests
{
    public static readonly DateOnly Today = new(2025, 5, 20);

    public static Guide Guide { get; } = GuideLoader.LoadValidFile(Paths.Guide);

    private const string Enterprise = """
        {
          "name": "衡阳智衡计量科技有限公司",
          "creditCode": "91430408MA7B2C3D4Y",
          "kind": "enterprise",
          "inHengyang": true,
          "employees": 186,
          "highTech": { "certified": true, "certificateNo": "GR202443000321", "validTo": "2027-11-30" },
          "techSme": { "selfAssessed": true, "year": 2025 },
          "finance": {
            "2022": { "output": 15000000, "revenue": 14000000, "tax": 600000 },
            "2023": { "output": 18000000, "revenue": 17500000, "tax": 650000 },
            "2024": { "output": 22000000, "revenue": 21000000, "tax": 820000, "assets": 45000000 }
          },
          "iurSpending": { "2022": 200000, "2023": 450000, "2024": 600000 },
          "majorProjectSubsidies": [ { "year": 2022 } ],
          "platforms": [ { "id": "erc", "name": "湖南省智能衡器工程技术研究中心", "type": "engineering-research-center", "level": "provincial" } ],
          "ipDispute": false
        }
        """;

    private const string University = """
        {
          "name": "衡阳师范学院",
          "creditCode": "12430400MB1234567H",
          "kind": "university",
          "inHengyang": true,
          "platforms": [ { "id": "lab", "name": "湖南省功能金属有机材料重点实验室", "type": "key-lab", "level": "provincial" } ]
        }
        """;

    private const string Contract = """
        {
          "counterpartyKind": "university", "type": "development",
          "amount": 800000, "paid": 200000,
          "signedOn": "2024-03-01", "effectiveOn": "2024-03-01", "endsOn": "2026-06-30",
          "registered": true, "registrationNo": "2024430400000789", "relatedParty": false
        }
        """;

    public static JsonObject For(string category)
    {
        var (applicant, application) = category switch
        {
            "major-project" => (Enterprise, """{ "field": "智能计量", "leader": { "name": "刘一", "title": "senior" } }"""),
            "key-rd" => (University, """{ "field": "节能环保", "leader": { "name": "陈二", "title": "intermediate" } }"""),
            "basic-research" => (University, """{ "field": "新材料", "platformId": "lab", "attachments": ["platform-approval", "recommendation-letter"] }"""),
            "iur-cooperation" => (Enterprise, $$"""{ "field": "电子信息", "tier": "general", "contract": {{Contract}}, "attachments": ["tech-contract", "contract-registration", "bank-receipt", "invoice"] }"""),
            "innovation-consortium" => (Enterprise, """{ "field": "新材料", "consortium": { "members": [ { "name": "南华大学", "kind": "university" } ], "agreementSigned": true }, "attachments": ["consortium-agreement", "funding-receipts"] }"""),
            "achievement-transfer" => (Enterprise, $$"""{ "field": "智能计量", "contract": {{Contract}}, "achievement": { "mainContributors": { "academic": 4, "total": 6 } }, "attachments": ["tech-contract", "contract-registration"] }"""),
            _ => throw new ArgumentOutOfRangeException(nameof(category), category, "no base request for this category"),
        };
        var app = JsonNode.Parse(application)!.AsObject();
        app.Insert(0, "category", category);
        return new JsonObject
        {
            ["asOf"] = "2025-05-20",
            ["applicant"] = JsonNode.Parse(applicant),
            ["application"] = app,
        };
    }

    public static ReadResult Read(JsonObject request, Guide? guide = null) =>
        RequestReader.Read(request.ToJsonString(), guide ?? Guide, Today);

    public static Verdict Evaluate(JsonObject request, Guide? guide = null) => Read(request, guide) switch
    {
        ReadResult.Parsed parsed => Eligibility.Evaluate(guide ?? Guide, parsed.Request),
        ReadResult.Invalid invalid => throw new InvalidOperationException("The test request is invalid: " + string.Join("; ", invalid.Errors)),
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    public static IReadOnlyList<InputError> Errors(JsonObject request) => Read(request) switch
    {
        ReadResult.Invalid invalid => invalid.Errors,
        _ => [],
    };

    /// <summary>Walks a dotted path ("applicant.finance.2024"), creating objects on the way.</summary>
    public static JsonObject At(this JsonObject root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.'))
        {
            if (node[part] is not JsonObject next)
                node[part] = next = new JsonObject();
            node = next;
        }
        return node;
    }

    /// <summary>Sets (or, with null, removes) the value at a dotted path.</summary>
    public static JsonObject Set(this JsonObject root, string path, JsonNode? value)
    {
        var dot = path.LastIndexOf('.');
        var parent = dot < 0 ? root : root.At(path[..dot]);
        var name = path[(dot + 1)..];
        if (value is null) parent.Remove(name);
        else parent[name] = value;
        return root;
    }
}
