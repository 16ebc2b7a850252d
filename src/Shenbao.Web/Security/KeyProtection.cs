using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Shenbao.Web.Security;

/// <summary>
/// The Data Protection keys (they sign the session cookies, the antiforgery tokens and the mailed links) encrypted at
/// rest with a certificate when Shenbao:DataProtection:CertificatePath (a PFX with its private key) and, if it has one,
/// CertificatePassword are configured. Without one the system still starts and says once that the keys lie unencrypted
/// in {DataPath}/keys; docs/deploy.md says how to configure it. A configured certificate that cannot be read stops the start.
/// </summary>
public static class KeyProtection
{
    /// <summary>
    /// Where the keys live: {DataPath}/keys on one machine (the default), or the database (Shenbao:DataProtection:Store =
    /// database), where every node of several finds the same keys, and a session signed in on one is good on the others.
    /// </summary>
    public static IDataProtectionBuilder StoreKeys(this IDataProtectionBuilder builder, IConfiguration configuration, string dataPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return (Store(configuration) switch
        {
            "folder" => builder.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataPath, "keys"))),
            "database" => builder.PersistKeysToDbContext<Shenbao.Data.AppDbContext>(),
            var other => throw new InvalidOperationException($"Shenbao:DataProtection:Store “{other}” is unknown: use folder or database"),
        }).SetApplicationName("Shenbao");
    }

    private static string Store(IConfiguration configuration) => configuration["Shenbao:DataProtection:Store"] ?? "folder";

    public static IDataProtectionBuilder ProtectKeysAtRest(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (Certificate(configuration) is not { } certificate) return builder;
        // decrypting with the certificate given, not one looked up in the machine's store
        return builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
    }

    private static X509Certificate2? Certificate(IConfiguration configuration)
    {
        if (configuration["Shenbao:DataProtection:CertificatePath"] is not { Length: > 0 } path) return null;
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["Shenbao:DataProtection:CertificatePassword"]);
            return certificate.HasPrivateKey ? certificate
                : throw new InvalidOperationException($"Shenbao:DataProtection:CertificatePath “{path}” holds no private key: the keys could be encrypted but never read back");
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Shenbao:DataProtection:CertificatePath “{path}” could not be read ({e.Message}); check the path and Shenbao:DataProtection:CertificatePassword", e);
        }
    }

    /// <summary>Once at start-up, when no certificate protects the keys.</summary>
    public static void WarnWhenKeysAreNotProtected(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration["Shenbao:DataProtection:CertificatePath"] is not { Length: > 0 })
            app.Logger.LogWarning("Data Protection keys are stored unencrypted {Where}: configure Shenbao:DataProtection:CertificatePath (see docs/deploy.md)",
                Store(app.Configuration) == "database" ? "in the database" : "under the data folder");
    }
}
