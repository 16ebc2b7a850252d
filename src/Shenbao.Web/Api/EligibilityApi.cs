using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Shenbao.Domain.Eligibility;
using Shenbao.Web.Guides;

namespace Shenbao.Web.Api;

/// <summary>POST /api/eligibility/check: the public eligibility check, the same contract as the CLI's check command.</summary>
public static class EligibilityApi
{
    /// <summary>A check request is a few kilobytes; anything far larger is a mistake or an attack.</summary>
    public const int MaxRequestBytes = 256 * 1024;

    /// <summary>
    /// How much of an over-long body the server still reads and throws away after answering 413, so that a client
    /// that writes its whole body before reading (curl, most scripts) receives the answer instead of a reset
    /// connection. Nothing of it is kept; past it the connection is closed.
    /// </summary>
    private const long DiscardAtMost = 64L * 1024 * 1024;

    public static void MapEligibilityApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/eligibility/check", CheckAsync)
            .WithName("CheckEligibility")
            .WithTags("资格检查")
            .WithSummary("按指南检查一份申报的资格")
            .WithDescription("请求体为 spec/eligibility.md 所述的 JSON（applicant、application、asOf、context）。返回每条规则的结论、所依据的条款和所用数据；输入有误时返回 400 及全部错误的路径。可用 ?guide= 指定指南，默认为最新指南。")
            // The body is read raw so that every input error gets its JSON path; this documents it without
            // making routing answer 415 to a client that forgot its Content-Type.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "申报资格检查请求：asOf、applicant、application、context，字段见 spec/eligibility.md",
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() },
                };
                return Task.CompletedTask;
            })
            .Produces<CheckResponse>()
            .ProducesValidationProblem()
            .AllowAnonymous()
            .DisableAntiforgery();
    }

    private static async Task<Results<Ok<CheckResponse>, ProblemHttpResult>> CheckAsync(
        HttpContext context, GuideCatalog guides, TimeProvider clock, Shenbao.Web.Operations.ShenbaoMetrics metrics, [FromQuery] string? guide, CancellationToken ct)
    {
        var chosen = guide is null ? guides.Default : guides.Find(guide);
        if (chosen is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "指南不存在",
                detail: $"没有 id 为“{guide}”的指南，可用：{string.Join("、", guides.All.Select(g => g.Id))}");

        if (await ReadBoundedAsync(context, ct) is not { } body)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "请求过大",
                detail: $"资格检查请求不能超过 {MaxRequestBytes / 1024} KB");

        metrics.Checked("api");
        return CheckAnswer.For(body, chosen, ChinaTime.DateOf(clock.GetUtcNow())) switch
        {
            CheckAnswer.Evaluated evaluated => TypedResults.Ok(evaluated.Response),
            CheckAnswer.Rejected rejected => TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "申报数据有误",
                detail: $"共 {rejected.Errors.Count} 处错误，请按 errors 中的路径逐一修改",
                extensions: new Dictionary<string, object?> { ["errors"] = rejected.Errors }),
            _ => throw new System.Diagnostics.UnreachableException(),
        };
    }

    /// <summary>
    /// The body, or null when it is longer than <see cref="MaxRequestBytes"/>: a declared length is refused before
    /// any byte is read, and an undeclared one (chunked) is read only up to the limit, never whole into memory.
    /// </summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpContext context, CancellationToken ct)
    {
        // Kestrel then drains the rest of a refused body (for up to 5 s) instead of failing at its own 30 MB limit
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = DiscardAtMost;
        if (context.Request.ContentLength > MaxRequestBytes) return null;

        var buffer = new byte[Math.Min(context.Request.ContentLength ?? MaxRequestBytes + 1L, MaxRequestBytes + 1L)];
        var length = 0;
        while (length < buffer.Length && await context.Request.Body.ReadAsync(buffer.AsMemory(length), ct) is var read and > 0) length += read;
        if (length > MaxRequestBytes) return null;
        return length == buffer.Length ? buffer : buffer[..length];
    }
}
