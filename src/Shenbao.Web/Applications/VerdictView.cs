using Shenbao.Domain.Eligibility;

namespace Shenbao.Web.Applications;

/// <summary>The live check's verdict as the editor words it, in its panel and in the bar that keeps it in view on a phone.</summary>
public static class VerdictView
{
    public static (string Title, string Css) Of(Verdict verdict) => verdict switch
    {
        { IsIncomplete: true } => ("信息不全，请补充后再提交", "secondary"),
        Verdict.Ineligible => ("暂不符合申报条件", "danger"),
        Verdict.Review => ("符合条件，提示项须说明理由", "warning"),
        _ => ("符合申报条件", "success"),
    };
}
