using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Domain.Eligibility;

/// <summary>The check: every rule of the request's category, in the guide's order, and the verdict they give.</summary>
public static class Eligibility
{
    public static Verdict Evaluate(Guide guide, EligibilityRequest request)
    {
        var category = guide.FindCategory(request.Application.Category)
            ?? throw new ArgumentException($"The request names category '{request.Application.Category}', which the guide '{guide.Id}' lacks; RequestReader rejects such requests.", nameof(request));
        return Evaluate(category, request);
    }

    public static Verdict Evaluate(Category category, EligibilityRequest request)
    {
        var results = new List<RuleResult>(category.Rules.Count);
        foreach (var rule in category.Rules)
            if (rule.Evaluate(request) is { } result)
                results.Add(result);
        return Verdict.From(category.Id, results);
    }
}
