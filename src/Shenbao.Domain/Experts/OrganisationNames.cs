using System.Text;

namespace Shenbao.Domain.Experts;

/// <summary>
/// Whether two organisation names name the same organisation, as people type them: spaces and the width of brackets
/// and letters do not matter (“衡阳市第一人民医院 ” and “衡阳市第一人民医院”; （有限公司） and (有限公司)).
/// </summary>
public static class OrganisationNames
{
    public static string Key(string name)
    {
        var key = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormKC))
            if (!char.IsWhiteSpace(c)) key.Append(char.ToUpperInvariant(c));
        return key.ToString();
    }

    public static bool Same(string? a, string? b) => a is not null && b is not null && Key(a).Length > 0 && Key(a) == Key(b);
}
