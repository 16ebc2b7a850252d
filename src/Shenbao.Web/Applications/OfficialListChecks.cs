using Shenbao.Data;
using Shenbao.Data.OfficialLists;
using Shenbao.Domain.OfficialLists;

namespace Shenbao.Web.Applications;

/// <summary>What the official lists say of the application a page shows: of its frozen submission, or of a draft's check made now.</summary>
public sealed class OfficialListChecks(AppDbContext db)
{
    public async Task<IReadOnlyList<ListFinding>> ForAsync(Workspace workspace, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (workspace.Judgement is { } judgement) return await OfficialListStore.FindingsAsync(db, judgement.Request, workspace.Category, workspace.Values, ct);
        if (workspace.Snapshot is { } snapshot) return await OfficialListStore.FindingsAsync(db, snapshot, workspace.Guide, workspace.Category, ct);
        return [];
    }
}
