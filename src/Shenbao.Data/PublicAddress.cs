using Microsoft.Extensions.Configuration;

namespace Shenbao.Data;

/// <summary>
/// The site's public address (Shenbao:PublicBaseUrl): what mailed links and the 申报书's QR code are built on, never the
/// request's Host header.
/// </summary>
public static class PublicAddress
{
    public const string Default = "http://localhost:5000";

    public static string Of(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return (configuration["Shenbao:PublicBaseUrl"] ?? Default).TrimEnd('/');
    }
}
