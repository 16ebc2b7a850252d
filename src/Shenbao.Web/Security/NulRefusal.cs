namespace Shenbao.Web.Security;

/// <summary>
/// A query holding a NUL character is refused (400) before anything reads it. PostgreSQL's text cannot hold one, so a
/// search with it would fail there as a 500 where SQLite merely finds nothing; refusing it here makes both databases
/// answer alike. The server already refuses a form body holding one with the same 400, and Kestrel a path.
/// </summary>
public static class NulRefusal
{
    public const string Explanation = "请求中含有空字符（\\0），系统无法处理。请删除从别处复制来的不可见字符后重试。";

    public static IApplicationBuilder UseNulRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Query.Any(q => q.Key.Contains('\0', StringComparison.Ordinal) || q.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true)))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            // the error page, re-executed on the same request, says why
            context.Items[typeof(NulRefusal)] = Explanation;
            return;
        }
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status400BadRequest, Title = "请求含有无法处理的字符", Detail = Explanation },
        });
    });
}
