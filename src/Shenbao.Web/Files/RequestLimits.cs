using Microsoft.AspNetCore.Http.Features;

namespace Shenbao.Web.Files;

/// <summary>A page whose forms carry files: its requests may be as large as <see cref="FileStore.MaxRequestBytes"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class TakesUploadsAttribute : Attribute;

/// <summary>
/// How large a request body may be, decided per endpoint before anything reads it: a page that takes files allows a few
/// files at the upload limit, everything else Shenbao:MaxRequestBytes (2 MB, far above any form). A body declared
/// larger is answered 413 at once — nothing is buffered, not even to a temporary file — and one that turns out larger
/// while it streams is cut off by the server at the same figure.
/// </summary>
public static class RequestLimits
{
    private const long DiscardAtMost = 128L * 1024 * 1024;

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app, IConfiguration configuration)
    {
        var files = app.ApplicationServices.GetRequiredService<FileStore>();
        var ordinary = configuration.GetValue("Shenbao:MaxRequestBytes", 2L * 1024 * 1024);
        return app.Use((context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<TakesUploadsAttribute>() is null ? ordinary : files.MaxRequestBytes;
            var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } writable ? writable : null;
            if (feature is not null) feature.MaxRequestBodySize = limit;
            if (context.Request.ContentLength > limit)
            {
                // the server then reads the refused body to its end and throws it away (for 5 s at most), so that a
                // browser still sending it sees the answer instead of a reset connection
                if (feature is not null) feature.MaxRequestBodySize = DiscardAtMost;
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return Task.CompletedTask;
            }
            return next(context);
        });
    }
}
