using Microsoft.AspNetCore.Identity;
using Shenbao.Data;

namespace Shenbao.Web.Setup;

/// <summary>
/// The roles accounts are given. Demo data writes them into a fresh demo database, but outside demo mode nothing
/// else would, and registration and 单位用户 put new accounts into them: start-up creates whichever are missing.
/// </summary>
public static class RoleSetup
{
    /// <summary>
    /// Idempotent. Call after <see cref="Database.InitialiseDatabaseAsync"/>: the demo data adds every role itself
    /// and expects to find none.
    /// </summary>
    public static async Task EnsureRolesAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var scope = app.Services.CreateScope();
        await EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
    }

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        foreach (var name in Roles.Labels.Keys)
        {
            if (await roles.RoleExistsAsync(name)) continue;
            var created = await roles.CreateAsync(new IdentityRole(name));
            if (!created.Succeeded)
                throw new InvalidOperationException($"Could not create the role {name}: {string.Join("; ", created.Errors.Select(e => e.Code))}");
        }
    }
}
