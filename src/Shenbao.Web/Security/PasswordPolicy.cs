using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data;
using Shenbao.Data.Security;

namespace Shenbao.Web.Security;

/// <summary>
/// What a password must be (our policy for 等保 level 3's "口令应有复杂度要求并定期更换"), with the figures of the
/// <see cref="SecurityPolicy"/> in force (by default at least 8 characters of at least 3 of the 4 classes): not one of
/// the common passwords, not containing the user name; and for a privileged role (<see cref="Roles.IsPrivileged"/>)
/// none of its last 5 passwords, changed every 90 days (<see cref="PasswordExpiry"/>). Every message says what to change.
/// </summary>
public sealed class PasswordPolicy(AppDbContext db) : IPasswordValidator<User>
{
    /// <summary>The rule as the forms state it beside the password field.</summary>
    public static string RuleOf(SecurityPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return $"至少{policy.MinimumLength}位，包含大写字母、小写字母、数字、符号中的至少{policy.ClassesInWords}类，不能包含用户名，不能是常见密码。";
    }

    /// <summary>The rule in force, for a view.</summary>
    public static async Task<string> RuleAsync(AppDbContext db) => RuleOf(await SecurityPolicies.CurrentAsync(db));

    private static readonly FrozenSet<string> Common = LoadCommon();

    public async Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        password ??= "";
        var policy = await SecurityPolicies.CurrentAsync(db);
        var errors = new List<IdentityError>();
        if (password.Length < policy.MinimumLength)
            errors.Add(new() { Code = "PasswordTooShort", Description = $"密码至少{policy.MinimumLength}位" });
        if (Classes(password) < policy.ClassesRequired)
            errors.Add(new() { Code = "PasswordClasses", Description = $"密码须包含大写字母、小写字母、数字、符号（如 - _ ! @）中的至少{policy.ClassesInWords}类" });
        if (Common.Contains(password))
            errors.Add(new() { Code = "PasswordCommon", Description = "这个密码太常见，容易被猜中，请换一个" });
        if (user.UserName is { Length: >= 3 } name && password.Contains(name, StringComparison.OrdinalIgnoreCase))
            errors.Add(new() { Code = "PasswordContainsUserName", Description = "密码不能包含用户名" });
        if (errors.Count == 0 && await ReusedAsync(manager, user, password, policy.HistoryKept))
            errors.Add(new() { Code = "PasswordReused", Description = $"不能使用最近{policy.HistoryKept}次用过的密码，请换一个新密码" });
        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }

    /// <summary>Lower, upper, digit, other: how many of the four the password has.</summary>
    public static int Classes(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        bool lower = false, upper = false, digit = false, other = false;
        foreach (var c in password)
        {
            if (char.IsAsciiLetterLower(c)) lower = true;
            else if (char.IsAsciiLetterUpper(c)) upper = true;
            else if (char.IsAsciiDigit(c)) digit = true;
            else other = true;
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }

    public static bool IsCommon(string password) => Common.Contains(password);

    /// <summary>A privileged person's new password against the current one and the four before it.</summary>
    private async Task<bool> ReusedAsync(UserManager<User> manager, User user, string password, int historyKept)
    {
        if (!(await manager.GetRolesAsync(user)).Any(Roles.IsPrivileged)) return false;
        var former = await db.PasswordHistory.AsNoTracking().Where(h => h.UserId == user.Id).OrderByDescending(h => h.Id).Take(historyKept - 1).Select(h => h.Hash).ToListAsync();
        return (user.PasswordHash is { } current ? former.Prepend(current) : former)
            .Any(hash => manager.PasswordHasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed);
    }

    private static FrozenSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("common-passwords.txt")
            ?? throw new InvalidOperationException("The list of common passwords (common-passwords.txt) is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
            if (line.Trim() is { Length: > 0 } word && !word.StartsWith('#')) words.Add(word);
        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
