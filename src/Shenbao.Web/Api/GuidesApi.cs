using Microsoft.AspNetCore.Http.HttpResults;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Web.Guides;

namespace Shenbao.Web.Api;

/// <summary>GET /api/guides and /api/guides/{id}: the guides as JSON, clauses and rules included.</summary>
public static class GuidesApi
{
    public sealed record GuideSummary(string Id, string City, int Year, string Version, string Title, int Categories);

    public sealed record GuideDocument(
        string Id, string City, int Year, string Version, string Title,
        IReadOnlyDictionary<string, string> AttachmentTypes,
        IReadOnlyList<Clause> Clauses,
        IReadOnlyList<CategoryDocument> Categories);

    public sealed record CategoryDocument(string Id, string Name, IReadOnlyList<FieldGroup> Fields, IReadOnlyList<string> Attachments, IReadOnlyList<RuleDocument> Rules);

    public sealed record RuleDocument(string Id, string Clause, string Severity);

    public static void MapGuidesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/guides").WithTags("指南").AllowAnonymous();
        group.MapGet("/", (GuideCatalog guides) => TypedResults.Ok(guides.All.Select(Summary).ToList()))
            .WithName("ListGuides").WithSummary("列出全部指南");
        group.MapGet("/{id}", Results<Ok<GuideDocument>, ProblemHttpResult> (string id, GuideCatalog guides) =>
                guides.Find(id) is { } guide
                    ? TypedResults.Ok(Document(guide))
                    : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "指南不存在", detail: $"没有 id 为“{id}”的指南"))
            .WithName("GetGuide").WithSummary("一份指南的条款、类别、支持领域、附件和规则");
    }

    private static GuideSummary Summary(Guide g) => new(g.Id, g.City, g.Year, g.Version, g.Title, g.Categories.Count);

    private static GuideDocument Document(Guide g) => new(
        g.Id, g.City, g.Year, g.Version, g.Title, g.AttachmentTypes, g.Clauses,
        g.Categories.Select(c => new CategoryDocument(c.Id, c.Name, c.FieldGroups, c.Attachments,
            c.Rules.Select(r => new RuleDocument(r.Id, r.Clause, r.Severity.ToString().ToLowerInvariant())).ToList())).ToList());
}
