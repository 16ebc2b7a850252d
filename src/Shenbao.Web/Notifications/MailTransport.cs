using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Shenbao.Web.Notifications;

/// <summary>Where mail goes: .eml files under {DataPath}/mail by default (nothing needs a mail server), SMTP when configured.</summary>
public interface IMailTransport
{
    /// <summary>Delivers the message; sending the same message id twice (a retry after a crash) delivers it once where the transport can tell.</summary>
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>Writes each message as {folder}/{message id}.eml, flushed: a retry of a message already written rewrites the same file.</summary>
public sealed class EmlFolderTransport(string folder) : IMailTransport
{
    public string Folder { get; } = Path.GetFullPath(folder);

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{(message.MessageId ?? throw new ArgumentException("a message without a Message-ID", nameof(message))).Split('@')[0]}.eml");
        var temporary = path + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await message.WriteToAsync(file, ct);
            await file.FlushAsync(ct);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>SMTP through MailKit (Shenbao:Mail:Smtp:Host, Port, UserName, Password, StartTls).</summary>
public sealed class SmtpTransport(IConfiguration configuration) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var smtp = configuration.GetSection("Shenbao:Mail:Smtp");
        using var client = new SmtpClient();
        var port = smtp.GetValue("Port", 25);
        // TLS is required, not offered: a server (or a man in the middle) that does not speak it gets no password and no link
        var security = port == 465 ? SecureSocketOptions.SslOnConnect : smtp.GetValue("StartTls", true) ? SecureSocketOptions.StartTls : SecureSocketOptions.None;
        await client.ConnectAsync(smtp["Host"] ?? throw new InvalidOperationException("Shenbao:Mail:Smtp:Host is not set"), port, security, ct);
        if (smtp["UserName"] is { Length: > 0 } user) await client.AuthenticateAsync(user, smtp["Password"] ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
