using Microsoft.EntityFrameworkCore;
using Shenbao.Data;

namespace Shenbao.Web.Insight;

/// <summary>The calls an insight page offers, newest first, and the one chosen: the one numbered, or without a number the newest; null when the number names none.</summary>
public static class CallChoice
{
    public static async Task<(IReadOnlyList<FundingCall> Calls, FundingCall? Chosen)> ChooseAsync(AppDbContext db, int? id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var calls = await db.Calls.AsNoTracking().OrderByDescending(c => c.OpensAt).ToListAsync(ct);
        return (calls, id is { } number ? calls.FirstOrDefault(c => c.Id == number) : calls.Count > 0 ? calls[0] : null);
    }
}
