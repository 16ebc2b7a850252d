using System.ComponentModel;
using Shenbao.Domain.Eligibility;

namespace Shenbao.Web.Organisations;

/// <summary>
/// An input's label (and the name its messages use) taken from the fact catalogue, for an input that holds one fact
/// as the catalogue words it: the label is written once, in the catalogue.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FactLabelAttribute(string path) : DisplayNameAttribute
{
    public string Path { get; } = path;

    public override string DisplayName => FactCatalog.Standard.Get(Path).Label;
}
