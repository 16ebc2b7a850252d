using Shenbao.Domain.Experts;

namespace Shenbao.Tests.Domain.Experts;

/// <summary>The pool's sheet, row by row: every kind of error, named by its row as Excel numbers it and its column, and nothing read when any row is wrong.</summary>
public sealed class ExpertSheetTests
{
    private static readonly string[] Known = ["新材料", "生物医药", "有色金属冶炼及深加工", "中医药"];
    private static readonly string?[] Header = ["姓名", "身份证号", "工作单位", "职称", "专业领域", "手机", "邮箱", "回避单位"];

    /// <summary>A valid number: 430404 (衡阳市蒸湘区), born 1975-03-12, order 201, its check character computed.</summary>
    internal static string Id(string body = "43040419750312201") => body + IdentityNumber.CheckCharacterOf(body);

    private static string?[] Row(string? name = "张三", string? id = null, string? unit = "南华大学", string? title = "教授", string? fields = "新材料",
        string? phone = "13907341234", string? email = "zhang@example.com", string? avoid = null) => [name, id ?? Id(), unit, title, fields, phone, email, avoid];

    private static SheetRead Read(params string?[][] rows) => ExpertSheet.Read(Header, rows, Known);

    [Fact]
    public void A_valid_row_is_read_with_its_lists_split_on_either_separator()
    {
        var read = Read(Row(fields: "新材料、生物医药；中医药", avoid: "衡阳师范学院；湖南工学院"));
        Assert.True(read.Valid);
        var row = Assert.Single(read.Rows);
        Assert.Equal(2, row.Row);
        Assert.Equal(["新材料", "生物医药", "中医药"], row.Fields);
        Assert.Equal(["衡阳师范学院", "湖南工学院"], row.AvoidOrganisations);
    }

    [Fact]
    public void Columns_are_found_by_their_headers_in_any_order_and_the_optional_ones_may_be_left_out()
    {
        string?[] header = ["邮箱", "姓名", "专业领域", "手机", "工作单位", "身份证号"];
        var read = ExpertSheet.Read(header, [["li@example.com", "李四", "中医药", "13800000000", "湘潭大学", Id()]], Known);
        var row = Assert.Single(read.Rows);
        Assert.Equal(("李四", "湘潭大学", "li@example.com", (string?)null), (row.Name, row.Organisation, row.Email, row.Title));
        Assert.Empty(row.AvoidOrganisations);
    }

    [Fact]
    public void A_wrong_check_character_names_the_row_as_Excel_numbers_it_and_the_column()
    {
        var good = Id();
        var wrong = good[..17] + (good[17] == '0' ? '1' : '0');
        var read = Read(Row(email: "a@example.com"), Row(email: "b@example.com", id: Id("43040419800101301")), Row(id: wrong, email: "c@example.com"));
        Assert.False(read.Valid);
        Assert.Empty(read.Rows);
        var error = Assert.Single(read.Errors);
        Assert.StartsWith("第4行：身份证号校验位错误", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(("身份证号", "B"), (error.Column, error.Letter));
        Assert.Contains($"应为“{good[17]}”", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4304041975031220", "应为18位")]
    [InlineData("43040419751332201X", "出生日期")]
    [InlineData("4304041975031220A", "应为18位")]
    public void A_malformed_identity_number_says_what_is_wrong(string id, string expected)
    {
        var error = Assert.Single(Read(Row(id: id)).Errors);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lower_case_x_is_read_as_the_check_character_X()
    {
        // 11010519491231002X is the standard's own example
        var row = Assert.Single(Read(Row(id: "11010519491231002x")).Rows);
        Assert.Equal("11010519491231002X", row.IdNumber);
    }

    [Theory]
    [InlineData("1390734123", "手机")]
    [InlineData("23907341234", "手机")]
    [InlineData("0734-8888888", "手机")]
    public void A_phone_not_of_a_mobile_number_is_refused(string phone, string column)
    {
        var error = Assert.Single(Read(Row(phone: phone)).Errors);
        Assert.Equal(column, error.Column);
        Assert.Equal("F", error.Letter);
    }

    [Theory]
    [InlineData("zhang.example.com")]
    [InlineData("zhang@example")]
    [InlineData("张 三@example.com")]
    public void An_email_not_of_an_address_is_refused(string email) =>
        Assert.Equal("邮箱", Assert.Single(Read(Row(email: email)).Errors).Column);

    [Fact]
    public void A_near_miss_of_a_support_field_is_suggested_and_an_unknown_one_refused()
    {
        var errors = Read(Row(fields: "新材枓、量子计算")).Errors;
        Assert.Equal(2, errors.Count);
        Assert.Contains("是否为“新材料”", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("“量子计算”不是指南的支持领域", errors[1].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("是否为", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_empty_required_cell_is_named_and_an_empty_row_between_is_skipped()
    {
        var read = Read(Row(email: "a@example.com"), [null, null, null, null, null, null, null, null], Row(name: null, unit: " ", fields: null, phone: null, email: null, id: Id("43040419800101301")));
        Assert.Equal(["姓名", "工作单位", "专业领域", "手机", "邮箱"], read.Errors.Select(e => e.Column));
        Assert.All(read.Errors, e => Assert.Equal(4, e.Row));
    }

    [Fact]
    public void An_identity_or_address_twice_in_the_file_or_already_in_the_pool_is_refused()
    {
        var inFile = Read(Row(email: "a@example.com"), Row(email: "A@example.com", id: Id()));
        Assert.Contains(inFile.Errors, e => e.Row == 3 && e.Column == "身份证号" && e.Message.Contains("与第2行重复", StringComparison.Ordinal));
        Assert.Contains(inFile.Errors, e => e.Row == 3 && e.Column == "邮箱");

        var inPool = ExpertSheet.Read(Header, [Row()], Known, id => id == Id(), email => email == "zhang@example.com");
        Assert.Equal(["身份证号", "邮箱"], inPool.Errors.Select(e => e.Column));
    }

    [Fact]
    public void A_missing_header_is_an_error_of_row_1_and_nothing_below_it_is_read()
    {
        var read = ExpertSheet.Read(["姓名", "工作单位", "专业领域", "手机"], [["张三", "南华大学", "新材料", "13907341234"]], Known);
        var error = Assert.Single(read.Errors);
        Assert.Equal(1, error.Row);
        Assert.StartsWith("第1行（表头）：缺少表头：身份证号、邮箱", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sheet_with_only_its_header_has_no_experts_to_import() =>
        Assert.Contains("没有专家", Assert.Single(Read().Errors).Message, StringComparison.Ordinal);

    [Fact]
    public void A_cell_longer_than_the_limit_is_refused() =>
        Assert.Equal("工作单位", Assert.Single(Read(Row(unit: new string('院', ExpertSheet.TextLimit + 1))).Errors).Column);

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(27, "AB")]
    public void Column_letters_are_Excel_s(int index, string letter) => Assert.Equal(letter, ExpertSheet.Letter(index));

    [Fact]
    public void An_identity_number_is_masked_to_its_place_and_last_four()
    {
        var id = Id();
        Assert.Equal($"430404********{id[14..]}", IdentityNumber.Mask(id));
        Assert.DoesNotContain("19750312", IdentityNumber.Mask(id), StringComparison.Ordinal);
    }
}
