using Shenbao.Domain.OfficialLists;

namespace Shenbao.Tests.Domain.OfficialLists;

/// <summary>The official lists read row by row, and the applicants' claims checked against them at their boundaries.</summary>
public sealed class OfficialListTests
{
    private const string Code = "91430408MA7B2C3D4Y";   // the demo's 衡阳智衡计量科技有限公司, a valid credit code
    private static readonly ListSource Source = new("高新技术企业名单", 2, new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));

    private static readonly string?[] CertificateHeader = ["企业名称", "证书编号", "统一社会信用代码", "发证日期", "有效期至"];

    private static ListRead<HteCertificate> Certificates(params string?[][] rows) => OfficialListSheet.Certificates(CertificateHeader, rows);

    [Fact]
    public void Certificate_columns_are_found_by_header_in_any_order_and_dates_read_as_Excel_and_people_write_them()
    {
        var read = Certificates(
            ["衡阳智衡计量科技有限公司", "GR202443000123", Code, "2024-12-01", "2027年11月30日"],
            [null, null, null, null, null],
            ["湖南某科技有限公司", "GR202343000999", "91430400MA4L0X0X1H", "2023/11/1", "2026.10.31"]);

        Assert.True(read.Valid, string.Join("；", read.Errors));
        Assert.Equal(2, read.Rows.Count);
        Assert.Equal(new HteCertificate("GR202443000123", "衡阳智衡计量科技有限公司", Code, new DateOnly(2024, 12, 1), new DateOnly(2027, 11, 30)), read.Rows[0]);
        Assert.Equal(new DateOnly(2026, 10, 31), read.Rows[1].ValidUntil);
    }

    [Fact]
    public void Every_bad_row_is_named_by_row_and_column_and_nothing_is_read()
    {
        var read = Certificates(
            ["衡阳智衡计量科技有限公司", "GR202443000123", Code, "2024-12-01", "2027-11-30"],
            ["甲公司", "GR202443000123", Code, "2024-12-01", "2027-11-30"],
            ["乙公司", "GR1", "91430408MA7B2C3D4X", "2024-12-01", "2027-11-30"],
            ["丙公司", "GR2", Code, "2024-13-01", "2023-11-30"],
            ["", "GR3", Code, "2024-12-01", "2024-11-30"]);

        Assert.False(read.Valid);
        Assert.Empty(read.Rows);
        var errors = read.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains("第3行：证书编号“GR202443000123”与第2行重复（B列）", errors);
        Assert.Contains(errors, e => e.StartsWith("第4行：统一社会信用代码", StringComparison.Ordinal) && e.EndsWith("（C列）", StringComparison.Ordinal));
        Assert.Contains("第5行：发证日期“2024-13-01”不是日期：请写作 2025-01-31 或 2025年1月31日（D列）", errors);
        Assert.Contains("第6行：企业名称为空（A列）", errors);
        Assert.Contains("第6行：有效期至（2024年11月30日）早于发证日期（2024年12月1日）（E列）", errors);
    }

    [Fact]
    public void A_sheet_without_its_headers_or_rows_says_what_the_first_row_must_be()
    {
        var noHeader = OfficialListSheet.Certificates(["证书编号", "企业名称"], []);
        var noRows = Certificates();

        Assert.Equal("第1行（表头）：缺少列：统一社会信用代码、发证日期、有效期至。第1行须为表头：证书编号、企业名称、统一社会信用代码、发证日期、有效期至", Assert.Single(noHeader.Errors).ToString());
        Assert.Equal("第1行（表头）：名单没有数据行：第2行起每行一条", Assert.Single(noRows.Errors).ToString());
    }

    [Fact]
    public void Contract_rows_read_amounts_in_yuan_and_refuse_what_is_not_one()
    {
        string?[] header = ["登记编号", "合同名称", "卖方", "买方", "成交金额", "登记日期"];

        var good = OfficialListSheet.Contracts(header, [["2025430400001234", "智能衡器物联网平台技术开发合同", "湖南工学院", "衡阳智衡计量科技有限公司", "600,000", "2026-09-10"]]);
        var bad = OfficialListSheet.Contracts(header, [["2025430400001235", "合同", "甲", "乙", "-5", "2026-09-10"], ["2025430400001236", "合同", "甲", "乙", "12.345", "2026-09-10"]]);

        Assert.Equal(600_000m, Assert.Single(good.Rows).Amount);
        Assert.Equal(["第2行：成交金额“-5”不是以元为单位的正数金额（最多两位小数）（E列）", "第3行：成交金额“12.345”不是以元为单位的正数金额（最多两位小数）（E列）"],
            bad.Errors.Select(e => e.ToString()));
    }

    private static readonly Dictionary<string, HteCertificate> Listed = new()
    {
        ["GR202443000123"] = new("GR202443000123", "衡阳智衡计量科技有限公司", Code, new DateOnly(2024, 12, 1), new DateOnly(2027, 11, 30)),
    };

    [Theory]
    [InlineData("GR202443000123", Code, "2027-11-30", false, "一致")]                 // listed, same code, last valid day
    [InlineData("GR202443000123", Code, "2027-12-01", true, "已过期")]                  // the day after
    [InlineData("GR202443000124", Code, "2026-12-01", true, "不在高新技术企业名单（第2版，")]
    [InlineData("GR202443000123", "91430400MA4L0X0X1H", "2026-12-01", true, "登记于统一社会信用代码 91430408MA7B2C3D4Y")]
    public void A_certificate_claim_is_confirmed_or_flagged_citing_the_list(string claimed, string creditCode, string asOf, bool flagged, string says)
    {
        var finding = ListChecks.Certificate(claimed, creditCode, DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), Listed, Source)!;

        Assert.Equal(flagged, finding.Flagged);
        Assert.Contains(says, finding.Message, StringComparison.Ordinal);
        Assert.Contains("高新技术企业名单（第2版，2026年11月30日 10:00导入）", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_certificate_number_claimed_is_nothing_to_check()
    {
        Assert.Null(ListChecks.Certificate(null, Code, new DateOnly(2026, 12, 1), Listed, Source));
        Assert.Null(ListChecks.Certificate("  ", Code, new DateOnly(2026, 12, 1), Listed, Source));
    }

    private static readonly Dictionary<string, ContractRegistration> Contracts = new()
    {
        ["2025430400001234"] = new("2025430400001234", "智能衡器物联网平台技术开发合同", "湖南工学院", "衡阳智衡计量科技有限公司", 600_000m, new DateOnly(2026, 9, 10)),
    };

    [Theory]
    [InlineData("2025430400001234", 600_000, "衡阳智衡计量科技有限公司", "湖南工学院", false, "一致")]
    [InlineData("2025430400001234", 600_000, "衡阳智衡计量科技有限公司", "湖南工学院 ", false, "一致")]          // spacing aside
    [InlineData("2025430400001234", 600_000.01, "衡阳智衡计量科技有限公司", "湖南工学院", true, "成交金额登记为 600,000 元，申报为 600,000.01 元")]
    [InlineData("2025430400001234", 600_000, "衡阳智衡计量科技有限公司", "南华大学", true, "登记的卖方为“湖南工学院”、买方为“衡阳智衡计量科技有限公司”")]
    [InlineData("2025430400001234", 600_000, "衡阳另一家公司", "湖南工学院", true, "申报为“衡阳另一家公司”与“湖南工学院”")]
    [InlineData("2025430400009999", 600_000, "衡阳智衡计量科技有限公司", "湖南工学院", true, "不在技术合同登记名单（第2版，")]
    public void A_contract_claim_is_confirmed_or_flagged_for_its_number_amount_and_parties(string number, double amount, string applicant, string counterparty, bool flagged, string says)
    {
        var finding = ListChecks.Contract(number, (decimal)amount, (applicant, counterparty), Contracts, Source with { Name = "技术合同登记名单" })!;

        Assert.Equal(flagged, finding.Flagged);
        Assert.Contains(says, finding.Message, StringComparison.Ordinal);
    }
}
