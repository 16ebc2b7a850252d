using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;
using Shenbao.Data;
using Shenbao.Web.Notifications;

namespace Shenbao.Tests.Web;

/// <summary>
/// The outbox across failures and restarts: a mail that cannot be sent is retried later, one held by a sender that
/// died is sent by the next process once its claim runs out, and nothing is sent twice. The in-app notice never waits.
/// </summary>
public sealed class OutboxTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("shenbao-outbox-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>A mail server that is down.</summary>
    private sealed class DownTransport : IMailTransport
    {
        public int Attempts;

        public Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            Interlocked.Increment(ref Attempts);
            throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused);
        }
    }

    private sealed class MailDownApp(string folder, DownTransport transport) : FolderApp(folder)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<IMailTransport>(transport)));
        }
    }

    [Fact]
    public async Task A_mail_that_fails_is_retried_after_a_restart_and_one_a_dead_sender_held_is_sent_once_its_claim_runs_out()
    {
        var down = new DownTransport();
        string address, heldSubject;
        DateTimeOffset started;
        using (var first = new MailDownApp(folder, down))
        {
            started = first.Clock.Now;
            var (_, userName) = await Registration.RegisterAsync(first);   // tells the district's recommender
            address = $"{userName}@example.com";
            await Passwords.AssertNothingMailedToAsync(first, address);
            var forgot = Browser.For(first);
            await forgot.SubmitAsync(await forgot.GetAsync("/Account/ForgotPassword"), new Dictionary<string, string> { ["Input.UserName"] = userName });

            Assert.Equal(0, await first.DeliverMailAsync());
            Assert.True(down.Attempts >= 2);
            using var db = first.Db();
            var failed = db.Outbox.AsNoTracking().Where(m => m.SentAt == null).ToList();
            Assert.Equal(3, failed.Count);   // the recommender's notice, the registrant's confirmation, the link
            Assert.All(failed, m =>
            {
                Assert.True(m.Attempts >= 1);
                Assert.StartsWith("SocketException", m.LastError, StringComparison.Ordinal);
                Assert.True(m.NextAttemptAt > first.Clock.Now);
                Assert.DoesNotContain(m.ToAddress, m.LastError!, StringComparison.Ordinal);
            });
            // the recommender's notice is in the inbox already, whatever the mail does
            var recommender = db.Users.Single(u => u.UserName == "gaoxin-recommender");
            Assert.Contains(db.Notifications.Where(n => n.UserId == recommender.Id).ToList(), n => n.Subject.StartsWith("待激活：", StringComparison.Ordinal));
            // and one mail is held by a sender that dies before it can send it or let it go
            var held = failed.Single(m => m.ToAddress == address && m.Subject != "单位注册已提交");
            heldSubject = held.Subject;
            db.Outbox.Where(m => m.Id == held.Id).ExecuteUpdate(s => s.SetProperty(m => m.ClaimedUntil, first.Clock.Now + OutboxSender.Claim).SetProperty(m => m.NextAttemptAt, first.Clock.Now));
        }

        using var second = new FolderApp(folder);
        second.Clock.Now = started;
        Assert.Equal(0, await second.DeliverMailAsync());   // the retry is not due yet, and the held one is still claimed
        second.Clock.Now = started + OutboxSender.Claim + TimeSpan.FromSeconds(1);

        // two senders (and the host's background one) race for the three: each is sent once, whichever wins
        await Task.WhenAll(second.DeliverMailAsync(), second.DeliverMailAsync());
        var link = await Passwords.LinkMailedToAsync(second, address);
        var toApplicant = second.Mails().Where(m => m.To.Mailboxes.Any(b => b.Address == address)).Select(m => m.Subject).ToList();
        Assert.Equal(2, toApplicant.Count);
        Assert.Contains("单位注册已提交", toApplicant);
        Assert.Contains(heldSubject, toApplicant);
        Assert.Single(second.Mails(), m => m.To.Mailboxes.Any(b => b.Address == "gaoxin-recommender@demo.invalid"));
        using (var db = second.Db()) Assert.All(db.Outbox.AsNoTracking().ToList(), m => Assert.NotNull(m.SentAt));
        // the link mailed while the server was down still works
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await Passwords.SetAsync(second, link, "New-password-2026")).Status);
    }
}
