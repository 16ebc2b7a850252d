using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Shenbao.Data;

namespace Shenbao.Web.Security;

/// <summary>
/// Identity's user manager, which also remembers when a password was set and keeps the one it replaces
/// (<see cref="PasswordHistoryEntry"/>), in the same save as the change: what the 90-day change and the "not one of the
/// last five" rule of <see cref="PasswordPolicy"/> read.
/// </summary>
public sealed class ShenbaoUserManager(
    IUserStore<User> store, IOptions<IdentityOptions> options, IPasswordHasher<User> hasher, IEnumerable<IUserValidator<User>> userValidators,
    IEnumerable<IPasswordValidator<User>> passwordValidators, ILookupNormalizer normalizer, IdentityErrorDescriber errors, IServiceProvider services,
    ILogger<UserManager<User>> logger, AppDbContext db, TimeProvider clock)
    : UserManager<User>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
{
    public override Task<IdentityResult> CreateAsync(User user, string password) =>
        SettingPasswordAsync(user, () => base.CreateAsync(user, password));

    public override Task<IdentityResult> ChangePasswordAsync(User user, string currentPassword, string newPassword) =>
        SettingPasswordAsync(user, () => base.ChangePasswordAsync(user, currentPassword, newPassword));

    public override Task<IdentityResult> ResetPasswordAsync(User user, string token, string newPassword) =>
        SettingPasswordAsync(user, () => base.ResetPasswordAsync(user, token, newPassword));

    /// <summary>The time and the former password go into the change's own save; a refused change takes them back.</summary>
    private async Task<IdentityResult> SettingPasswordAsync(User user, Func<Task<IdentityResult>> change)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (previousHash, previousTime, now) = (user.PasswordHash, user.PasswordChangedAt, clock.GetUtcNow());
        var former = previousHash is null ? null : db.PasswordHistory.Add(new PasswordHistoryEntry { UserId = user.Id, Hash = previousHash, SetAt = previousTime ?? now });
        user.PasswordChangedAt = now;
        var result = await change();
        if (!result.Succeeded)
        {
            if (former is not null) former.State = Microsoft.EntityFrameworkCore.EntityState.Detached;
            user.PasswordChangedAt = previousTime;
        }
        return result;
    }
}
