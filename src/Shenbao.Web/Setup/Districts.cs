namespace Shenbao.Web.Setup;

/// <summary>The county-level divisions and parks an organisation registers in (configuration Shenbao:Districts).</summary>
public sealed class Districts(IConfiguration configuration)
{
    public IReadOnlyList<string> All { get; } = configuration.GetSection("Shenbao:Districts").Get<string[]>() ?? [];

    public bool Contains(string district) => All.Contains(district);
}
