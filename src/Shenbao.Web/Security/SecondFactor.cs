using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using QRCoder;
using Shenbao.Data;

namespace Shenbao.Web.Security;

/// <summary>
/// The second factor of the privileged roles (<see cref="Roles.IsPrivileged"/>): a TOTP code (RFC 6238: 6 digits,
/// 30-second steps, SHA-1, what every authenticator app makes) accepted within one step of drift and only once —
/// the step of the last accepted code is kept, and only a later one is accepted, by one conditional UPDATE, so two
/// parallel uses of one code cannot both pass — or one of ten single-use recovery codes.
/// </summary>
public static class SecondFactor
{
    /// <summary>What a full session's authentication-method claim says (Identity keeps it through refreshes).</summary>
    public const string Method = "mfa";
    public const int RecoveryCodeCount = 10;
    public const string Issuer = "衡阳市科技项目申报";

    private static readonly VerificationWindow OneStep = new(previous: 1, future: 1);

    public static bool Required(IEnumerable<string> roles) => roles.Any(Roles.IsPrivileged);

    /// <summary>A new 160-bit key, Base32 as authenticator apps take it.</summary>
    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    /// <summary>The time step whose code <paramref name="code"/> is, within one step of <paramref name="now"/>; null when it is none.</summary>
    public static long? StepOf(string secret, string? code, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var digits = new string((code ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit)) return null;
        return new Totp(Base32Encoding.ToBytes(secret)).VerifyTotp(now.UtcDateTime, digits, out var step, OneStep) ? step : null;
    }

    /// <summary>The code of the moment (what the demo's sign-in page shows beside the published key).</summary>
    public static string CodeAt(string secret, DateTimeOffset now) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(now.UtcDateTime);

    /// <summary>Takes the step for the person: false when it, or a later one, was used already.</summary>
    public static async Task<bool> UseStepAsync(AppDbContext db, string userId, long step, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Users.Where(u => u.Id == userId && (u.TotpLastStep == null || u.TotpLastStep < step))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.TotpLastStep, step), ct) == 1;
    }

    /// <summary>The otpauth:// address an authenticator app reads from the QR code.</summary>
    public static string OtpAuthUri(string userName, string secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(userName)}?secret={secret}&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits=6&period=30";

    /// <summary>The address as an SVG QR code, to scan from the screen.</summary>
    public static string QrSvg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }

    /// <summary>The key in groups of four, as people type it.</summary>
    public static string Grouped(string secret) => string.Join(' ', secret.Chunk(4).Select(c => new string(c)));

    /// <summary>Ten new recovery codes for the person, replacing any left; returns them to show once.</summary>
    public static async Task<IReadOnlyList<string>> IssueRecoveryCodesAsync(AppDbContext db, string userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.RecoveryCodes.Where(r => r.UserId == userId).ExecuteDeleteAsync(ct);
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToList();
        db.RecoveryCodes.AddRange(codes.Select(c => new RecoveryCode { UserId = userId, Hash = Hash(c) }));
        await db.SaveChangesAsync(ct);
        return codes;
    }

    /// <summary>Uses a recovery code once (one conditional UPDATE); false when it is not one of the person's, or was used.</summary>
    public static async Task<bool> RedeemAsync(AppDbContext db, string userId, string? code, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var typed = Normalise(code);
        if (typed.Length == 0) return false;
        var hash = Hash(typed);
        return await db.RecoveryCodes.Where(r => r.UserId == userId && r.Hash == hash && r.UsedAt == null)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.UsedAt, now), ct) == 1;
    }

    /// <summary>Ten characters of an alphabet without look-alikes (no 0/O, 1/I/L), shown as XXXXX-XXXXX: about 50 bits.</summary>
    private static string NewRecoveryCode()
    {
        const string alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 10);
        return $"{new string(chars, 0, 5)}-{new string(chars, 5, 5)}";
    }

    private static string Normalise(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());

    private static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(code))));
}
