using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Shenbao.Tests.Web;

/// <summary>
/// The Data Protection keys on disk: encrypted with the configured certificate (and still read back: sign-in works),
/// or, without one, plain with one warning at start-up.
/// </summary>
public sealed class KeyProtectionTests(ShenbaoApp app) : IClassFixture<ShenbaoApp>
{
    private static string[] KeyFiles(string dataPath) =>
        Directory.Exists(Path.Combine(dataPath, "keys")) ? Directory.GetFiles(Path.Combine(dataPath, "keys"), "*.xml") : [];

    [Fact]
    public async Task Without_a_certificate_the_keys_are_plain_and_the_start_up_says_so_once()
    {
        await Browser.For(app).SignInAsync("zhiheng-admin");

        var key = await File.ReadAllTextAsync(Assert.Single(KeyFiles(app.DataPath)));
        Assert.Contains("<masterKey", key, StringComparison.Ordinal);
        Assert.DoesNotContain("encryptedSecret", key, StringComparison.Ordinal);
        Assert.Single(app.Logs.Lines, l => l.Contains("Data Protection keys are stored unencrypted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_a_certificate_the_keys_are_encrypted_at_rest_and_still_sign_people_in()
    {
        using var fresh = new ShenbaoApp();
        var pfx = Path.Combine(fresh.DataPath, "keys-certificate.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=Shenbao Data Protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        }
        using var protectedApp = fresh.WithWebHostBuilder(b => b
            .UseSetting("Shenbao:DataProtection:CertificatePath", pfx)
            .UseSetting("Shenbao:DataProtection:CertificatePassword", "pfx-password"));

        var browser = await new Browser(protectedApp.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })).SignInAsync("zhiheng-admin");

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Organisation/Profile")).Status);
        var key = await File.ReadAllTextAsync(Assert.Single(KeyFiles(fresh.DataPath)));
        Assert.Contains("encryptedSecret", key, StringComparison.Ordinal);
        Assert.DoesNotContain("unencrypted form", key, StringComparison.Ordinal);
        Assert.DoesNotContain(fresh.Logs.Lines, l => l.Contains("Data Protection keys are stored unencrypted", StringComparison.Ordinal));
    }

    [Fact]
    public void A_configured_certificate_that_cannot_be_read_stops_the_start_with_what_to_check()
    {
        using var fresh = new ShenbaoApp();
        using var broken = fresh.WithWebHostBuilder(b => b.UseSetting("Shenbao:DataProtection:CertificatePath", Path.Combine(fresh.DataPath, "missing.pfx")));

        var e = Assert.ThrowsAny<Exception>(() => broken.CreateClient());

        Assert.Contains("Shenbao:DataProtection:CertificatePath", e.ToString(), StringComparison.Ordinal);
    }
}
