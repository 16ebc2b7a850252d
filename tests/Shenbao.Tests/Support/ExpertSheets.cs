using MiniExcelLibs;
using Shenbao.Tests.Domain.Experts;

namespace Shenbao.Tests.Support;

/// <summary>Expert pool sheets as an officer would fill them in Excel: the header row, then one expert a row.</summary>
public static class ExpertSheets
{
    public static Dictionary<string, object?> Row(string name, string idBody, string email, string fields = "新材料", string unit = "湖南大学", string phone = "13907349999", string? avoid = null) => new()
    {
        ["姓名"] = name, ["身份证号"] = ExpertSheetTests.Id(idBody), ["工作单位"] = unit, ["职称"] = "教授", ["专业领域"] = fields,
        ["手机"] = phone, ["邮箱"] = email, ["回避单位"] = avoid,
    };

    public static byte[] Xlsx(params Dictionary<string, object?>[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return stream.ToArray();
    }

    public static List<IDictionary<string, object?>> Read(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        return stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
    }
}
