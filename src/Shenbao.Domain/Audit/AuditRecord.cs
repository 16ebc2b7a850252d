using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Shenbao.Domain.Audit;

/// <summary>
/// One row of the audit trail as the chain hashes it: its place, every column, and the previous row's hash. The
/// hash covers all of them, so a row changed, moved or put in another place no longer matches it.
/// </summary>
public sealed record AuditRecord(
    long Seq,
    DateTimeOffset At,
    string? UserId,
    string? UserName,
    string? Role,
    int? OrganisationId,
    string? ClientAddress,
    string Action,
    string? ObjectType,
    string? ObjectId,
    string Outcome,
    string? Details,
    string PreviousHash)
{
    /// <summary>The hash the first row points back to.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// The time as both databases keep it: to the millisecond (SQLite's binary form keeps 0.1 ms, PostgreSQL 1 µs), so
    /// what is read back hashes as what was written.
    /// </summary>
    public static DateTimeOffset Stored(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    /// <summary>The canonical text hashed: a JSON array of every column in a fixed order, the time with its offset.</summary>
    public string Canonical()
    {
        using var buffer = new MemoryStream();
        // the text hashed is read by people verifying by hand: Chinese and '+' written as themselves (it never goes into HTML)
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            json.WriteNumberValue(Seq);
            json.WriteStringValue(Stored(At).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));
            foreach (var text in new[] { UserId, UserName, Role }) Write(json, text);
            if (OrganisationId is { } organisation) json.WriteNumberValue(organisation); else json.WriteNullValue();
            foreach (var text in new[] { ClientAddress, Action, ObjectType, ObjectId, Outcome, Details, PreviousHash }) Write(json, text);
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical())));

    private static void Write(Utf8JsonWriter json, string? text)
    {
        if (text is null) json.WriteNullValue(); else json.WriteStringValue(text);
    }
}

/// <summary>The end of the chain: how many rows, and the last one's hash. Kept outside the table too.</summary>
public sealed record AuditHead(long Count, string Hash)
{
    public static readonly AuditHead Empty = new(0, AuditRecord.Genesis);
}
