using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Shenbao.Data.Audit;

/// <summary>
/// Writes the outside head around the commit of a transaction that appended to the audit trail: pending just before,
/// the head just after, and takes the pending one back when the transaction rolls back.
/// </summary>
internal sealed class AuditHeadInterceptor(AuditHeadFile file) : DbTransactionInterceptor
{
    public AuditHeadFile File => file;

    // a new transaction starts with nothing appended, whatever an earlier one on the context left behind
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        if (eventData.Context is AppDbContext context) context.UncommittedHead = null;
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext context) context.UncommittedHead = null;
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (Appended(eventData) is { } head) file.Pending(head);
        return result;
    }

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (Appended(eventData) is { } head) file.Pending(head);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Abandon(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData);
        return Task.CompletedTask;
    }

    // a commit that failed may still have committed (a connection lost during COMMIT): its pending head stays, which
    // the table may then end at; the next append's head supersedes it either way
    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Forget(eventData);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return Task.CompletedTask;
    }

    private static void Forget(TransactionErrorEventData eventData)
    {
        // only a failed commit ends the transaction; a savepoint's error leaves it open, with its rows still to commit
        if (eventData.Action == "Commit" && eventData.Context is AppDbContext context) context.UncommittedHead = null;
    }

    private static Domain.Audit.AuditHead? Appended(TransactionEventData eventData) => (eventData.Context as AppDbContext)?.UncommittedHead;

    private void Committed(TransactionEventData eventData)
    {
        if (eventData.Context is not AppDbContext { UncommittedHead: { } head } context) return;
        context.UncommittedHead = null;
        try
        {
            file.Committed(head);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // the change has committed and must not be answered as failed: the pending head written before the commit
            // already lets the table end here, and the next append moves the head past it
        }
    }

    private void Abandon(TransactionEventData eventData)
    {
        if (eventData.Context is not AppDbContext { UncommittedHead: { } head } context) return;
        context.UncommittedHead = null;
        file.Abandoned(head);
    }
}
