using System.Text.RegularExpressions;
using Shenbao.Domain.Experts;

namespace Shenbao.LogScan;

/// <summary>Something in a log line that must never be there, named by what it is and shown only in part.</summary>
public sealed record Finding(string Kind, string Shown);

/// <summary>
/// What a log line must not hold: a 身份证号 (valid by GB 11643, so that other long numbers are not mistaken for one),
/// a mobile number, a password the run used, a Data Protection payload (a session or antiforgery cookie, a mailed
/// link's token), a TOTP key or a recovery code. Each is matched only as a whole word: a run of digits inside a longer
/// one, or inside a GUID, is not a phone number.
/// </summary>
public static partial class LogFindings
{
    public static IEnumerable<Finding> In(string line, IReadOnlyCollection<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(secrets);
        foreach (Match m in IdentityNumberLike().Matches(line))
            if (IdentityNumber.Problem(m.Value) is null) yield return new("身份证号", IdentityNumber.Mask(m.Value.ToUpperInvariant()));
        foreach (Match m in MobileNumber().Matches(line)) yield return new("手机号", m.Value[..3] + "****" + m.Value[^4..]);
        foreach (var secret in secrets.Where(s => line.Contains(s, StringComparison.Ordinal))) yield return new("密码或密钥", secret[..2] + "…");
        foreach (Match m in DataProtectionPayload().Matches(line)) yield return new("Data Protection 令牌（会话、防伪或邮件链接）", m.Value[..8] + "…");
        foreach (Match m in TotpKey().Matches(line)) yield return new("动态口令密钥", m.Value[..4] + "…");
        foreach (Match m in RecoveryCode().Matches(line)) yield return new("恢复码", m.Value[..2] + "…");
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")]
    private static partial Regex IdentityNumberLike();

    [GeneratedRegex(@"(?<![0-9A-Za-z])1[3-9][0-9]{9}(?![0-9A-Za-z])")]
    private static partial Regex MobileNumber();

    /// <summary>Data Protection's payloads begin with its magic header 0x09F0C9F0, "CfDJ8" in base64.</summary>
    [GeneratedRegex(@"CfDJ8[A-Za-z0-9_\-+/]{20,}")]
    private static partial Regex DataProtectionPayload();

    /// <summary>A Base32 key as authenticator apps take it (160 bits: 32 characters), or an otpauth link.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z2-7]{32}(?![A-Za-z0-9])|otpauth://")]
    private static partial Regex TotpKey();

    /// <summary>Ten characters of the recovery codes' alphabet in two groups of five.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9])[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}(?![A-Za-z0-9-])")]
    private static partial Regex RecoveryCode();
}
