using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Shenbao.Data;

namespace Shenbao.Web.Pages.Account;

/// <summary>
/// The one-time link to set a password (first sign-in and reset alike): Identity's reset token, which setting the
/// password spends (the security stamp changes) and which expires after a day.
/// </summary>
public static class SetPasswordLink
{
    public static async Task<string> ForAsync(UserManager<User> users, User user, bool first)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        return $"/Account/ResetPassword?user={Uri.EscapeDataString(user.Id)}&token={token}{(first ? "&first=true" : "")}";
    }

    public static string? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
