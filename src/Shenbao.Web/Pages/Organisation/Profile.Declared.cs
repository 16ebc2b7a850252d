using System.Globalization;
using System.Text.Json.Nodes;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Requests;

namespace Shenbao.Web.Pages.Organisation;

/// <summary>
/// Facts the fact catalogue declares beyond the contract's: each shown in its profile group as the catalogue describes
/// it, read and checked by its type like a form's fact, and stored at its path in the profile.
/// </summary>
public sealed partial class ProfileModel
{
    /// <summary>The declared profile facts of a group, in catalogue order.</summary>
    public IReadOnlyList<FactDefinition> DeclaredIn(string group) =>
        guides.Default.Facts.Declared.Where(f => f.Holder == FactHolder.Applicant && f.Group == group).ToList();

    /// <summary>The input's key for a declared fact: its path, with dots that model binding would read as members replaced.</summary>
    public static string DeclaredKey(FactDefinition fact) => fact.Path.Replace(".", "__", StringComparison.Ordinal);

    public string? DeclaredError(FactDefinition fact) =>
        ModelState.TryGetValue($"{nameof(Input)}.{nameof(InputModel.Declared)}[{DeclaredKey(fact)}]", out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;

    private IEnumerable<FactDefinition> DeclaredProfileFacts => guides.Default.Facts.Declared.Where(f => f.Holder == FactHolder.Applicant);

    /// <summary>Each declared fact's stored value as the form shows it.</summary>
    private Dictionary<string, string?> DeclaredInput(JsonObject profile) =>
        DeclaredProfileFacts.ToDictionary(DeclaredKey, f => At(profile, f) switch
        {
            JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
            JsonValue v when v.TryGetValue<decimal>(out var d) => f.Type == FactType.Amount ? Money.Format(d) : d.ToString(CultureInfo.InvariantCulture),
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => null,
        });

    /// <summary>Every declared value that does not read, beside its input.</summary>
    private void ValidateDeclared()
    {
        foreach (var fact in DeclaredProfileFacts)
        {
            if (Input.Declared.GetValueOrDefault(DeclaredKey(fact))?.Trim() is not { Length: > 0 } text) continue;
            var errors = new List<InputError>();
            if (FormFacts.Parse(fact, text, errors) is null)
                ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Declared)}[{DeclaredKey(fact)}]", $"{fact.Label}：{errors[0].Message}");
        }
    }

    /// <summary>The declared values written at their paths; an empty input removes its fact ("not stated").</summary>
    private void WriteDeclared(JsonObject profile)
    {
        foreach (var fact in DeclaredProfileFacts)
        {
            var text = Input.Declared.GetValueOrDefault(DeclaredKey(fact))?.Trim();
            RequestWriter.SetAt(profile, fact.Path["applicant.".Length..], text is { Length: > 0 } ? FormFacts.Parse(fact, text, new List<InputError>()) : null);
        }
    }

    private static JsonNode? At(JsonObject profile, FactDefinition fact)
    {
        JsonNode? node = profile;
        foreach (var part in fact.Path["applicant.".Length..].Split('.')) node = (node as JsonObject)?[part];
        return node;
    }
}
