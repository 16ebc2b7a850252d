using Shenbao.Domain.Experts;

namespace Shenbao.LogScan;

/// <summary>The scan finds each kind of leak, at its edges, and nothing in the lines the application really writes.</summary>
public sealed class LogFindingsTests
{
    private static readonly string[] Secrets = ["Typed-Secret-9137"];

    private static string ValidIdentityNumber(string first17) => first17 + IdentityNumber.CheckCharacterOf(first17);

    private static IReadOnlyList<Finding> In(string line) => [.. LogFindings.In(line, Secrets)];

    [Fact]
    public void A_valid_identity_number_is_found_masked_and_one_with_a_wrong_check_character_is_not()
    {
        var valid = ValidIdentityNumber("43040419900101201");
        var wrong = valid[..17] + (valid[17] == '0' ? '1' : '0');

        var found = Assert.Single(In($"Expert import row 3: {valid} refused"));
        Assert.Equal(("身份证号", "430404********201" + valid[17]), (found.Kind, found.Shown));
        Assert.Empty(In($"Expert import row 3: {wrong} refused"));
        Assert.Empty(In($"order 9{valid} of a longer number"));
    }

    [Theory]
    [InlineData("contact 13812345678 called", true)]
    [InlineData("phone:19912345678.", true)]
    [InlineData("a 12-digit number 138123456789", false)]
    [InlineData("inside a GUID 0603b47a-f1dd-443b-bd1d-a13812345678", false)]
    [InlineData("12812345678 is no mobile number", false)]
    [InlineData("1381234567 is ten digits", false)]
    public void A_mobile_number_is_found_only_as_a_whole_word(string line, bool found) =>
        Assert.Equal(found, In(line).Any(f => f.Kind == "手机号"));

    [Fact]
    public void A_password_the_run_typed_is_found_without_being_shown()
    {
        var found = Assert.Single(In("Sign-in for Typed-Secret-9137 failed"));
        Assert.DoesNotContain("Secret", found.Shown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Antiforgery token CfDJ8L-iXBIdrDhEmdtTpePSuf0raM5-vyB0QpBM88mnGe_kOl93UBYgVt", "Data Protection 令牌（会话、防伪或邮件链接）")]
    [InlineData("key SHENBAOXDEMOXTOTPXSECRETXHENGYAN enrolled", "动态口令密钥")]
    [InlineData("link otpauth://totp/Shenbao:someone?secret=X", "动态口令密钥")]
    [InlineData("recovery code ABCDE-FGH23 used", "恢复码")]
    public void Tokens_keys_and_recovery_codes_are_found(string line, string kind) =>
        Assert.Contains(In(line), f => f.Kind == kind);

    [Theory]
    [InlineData("Warning Shenbao.Security: Security event LockedOut (Refused) for account 0603b47a-f1dd-443b-bd1d-99d999b90bf0 from 127.0.0.1")]
    [InlineData("Warning Shenbao.Security: Security event PermissionDenied for account c4002414-e097-4f03-8e40-618f23e67451 (Recommender) at Bureau/WhatIf from (null)")]
    [InlineData("Information Microsoft.EntityFrameworkCore.Migrations: Applying migration '20251114093012_AuditTrailAndNotifications'.")]
    [InlineData("Warning Shenbao.Web.Files.FileStore: Upload refused: the virus scanner found Shenbao.Test.EICAR.UNOFFICIAL in a PDF file of 338 bytes")]
    [InlineData("Warning Shenbao.Web.Notifications.OutboxSender: Mail 3 not delivered (attempt 1), retrying after 12/04/2026 01:56:42 +00:00: SocketException")]
    [InlineData("receipt HENGYANG-2025-00003 hash 823bd975b96158382953fed8079a97ec61b9da658d840b62c107a5217e197c88")]
    public void What_the_application_really_logs_is_clean(string line) => Assert.Empty(In(line));

    [Fact]
    public void The_runs_secrets_are_the_demo_password_and_the_tests_password_literals()
    {
        var secrets = RunSecrets.Find(Repository.Root);

        Assert.Contains(Shenbao.Data.Demo.DemoData.Password, secrets);
        Assert.Contains("Typed-Secret-9137", secrets);
        Assert.Contains("Reset-password-2026", secrets);
        Assert.DoesNotContain("hengyang-2025", secrets);
        Assert.DoesNotContain("HENGYANG-2025-00003", secrets);
        Assert.True(secrets.Count > 20, $"only {secrets.Count} passwords found in the tests' sources");
    }
}
