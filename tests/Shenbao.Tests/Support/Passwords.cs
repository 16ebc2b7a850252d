using System.Net;
using System.Text.RegularExpressions;

namespace Shenbao.Tests.Support;

/// <summary>What a person does with a mailed one-time link: opens it and sets a password.</summary>
public static partial class Passwords
{
    /// <summary>The site-relative link of the latest mail to the address that carries a set-password link.</summary>
    public static async Task<string> LinkMailedToAsync(ShenbaoApp app, string address)
    {
        var mails = await app.MailsToAsync(address);
        var mail = mails.OrderBy(m => m.Date).LastOrDefault(m => (m.TextBody ?? "").Contains("/Account/ResetPassword", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no set-password mail to {address} among {mails.Count}");
        var link = Link().Match(mail.TextBody ?? "").Value;
        // the mail's link is absolute on the configured public address, never on the request's host
        Assert.StartsWith("http://localhost:5000/Account/ResetPassword?", link, StringComparison.Ordinal);
        return link["http://localhost:5000".Length..];
    }

    /// <summary>Nothing mailed to the address yet (the sender has not delivered, or could not).</summary>
    public static async Task AssertNothingMailedToAsync(ShenbaoApp app, string address)
    {
        await app.DeliverMailAsync();
        Assert.DoesNotContain(app.Mails(), m => m.To.Mailboxes.Any(b => b.Address == address));
    }

    public static async Task<Browser.Page> SetAsync(ShenbaoApp app, string link, string password)
    {
        var browser = Browser.For(app);
        var form = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        return await browser.SubmitAsync(form, new Dictionary<string, string> { ["Input.Password"] = password, ["Input.ConfirmPassword"] = password });
    }

    public static async Task SetThroughMailAsync(ShenbaoApp app, string address, string password)
    {
        var done = await SetAsync(app, await LinkMailedToAsync(app, address), password);
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.StartsWith("/Account/Login", done.Location, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"http://localhost:5000/Account/ResetPassword\?\S+")]
    private static partial Regex Link();
}
