using Shenbao.Data;

namespace Shenbao.Web.Files;

/// <summary>A profile proof (a certificate, the 入库登记证明): a stored upload listed for the organisation, not for an application.</summary>
public static class Proofs
{
    public static Attachment Of(FileStore.Result.Stored stored, int organisationId, string purpose, string uploadedBy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return new Attachment
        {
            OrganisationId = organisationId, ApplicationId = null, Purpose = purpose,
            FileName = stored.FileName, ContentType = stored.Kind.ContentType,
            Size = stored.Size, Sha256 = stored.Sha256, UploadedAt = at, UploadedBy = uploadedBy,
        };
    }

    /// <summary>The audit trail's words for an upload: what it proves, the name, the size and the hash, never the content.</summary>
    public static string Described(Attachment proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return $"证明材料 {proof.Purpose}，文件“{proof.FileName}”，{proof.Size} 字节，SHA-256 {proof.Sha256}";
    }
}
