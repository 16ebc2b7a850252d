using Shenbao.Domain.Requests;

namespace Shenbao.Tests.Domain;

public sealed class CreditCodeTests
{
    [Theory]
    [InlineData("91430408MA7B2C3D4Y")]
    [InlineData("12430400MB1234567H")]
    [InlineData("91350100M000100Y43")]
    public void Well_formed_codes_pass(string code) => Assert.Null(CreditCode.Problem(code));

    [Theory]
    [InlineData("91430408MA7B2C3D4A", "第18位应为“Y”，实际为“A”")]
    [InlineData("91430408MA7B2C3D4", "应为18位，实际为17位")]
    [InlineData("91430408MA7B2C3D4YY", "应为18位，实际为19位")]
    [InlineData("91430408MA7B2C3DIY", "不允许的字符“I”")]
    [InlineData("91430408ma7b2c3d4y", "不允许的字符")]
    [InlineData("9143040OMA7B2C3D4Y", "不允许的字符“O”")]
    public void Malformed_codes_say_what_is_wrong(string code, string fragment) =>
        Assert.Contains(fragment, CreditCode.Problem(code), StringComparison.Ordinal);

    [Fact]
    public void Check_character_follows_the_weights_of_the_standard()
    {
        // sum of value × weight over "91430408MA7B2C3D4" = 2233; 2233 mod 31 = 1; (31 − 1) mod 31 = 30 → 'Y'
        Assert.Equal('Y', CreditCode.CheckCharacter("91430408MA7B2C3D4"));
        // a check value of 0 is written '0', not '31'
        Assert.Equal('0', CreditCode.CheckCharacter("00000000000000000"));
    }
}
