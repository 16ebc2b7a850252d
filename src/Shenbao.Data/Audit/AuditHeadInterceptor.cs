using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Shenbao.Data.Audit;

/// <summary>
/// Writes the outside head around the commit of a transaction that appended to the audit trail: the committed end and
/// the pending one, flushed, just before the commit (still under the chain's lock; a failure there stops the commit, so
/// nothing commits without a durable head), and the confirmation just after it.
/// </summary>
internal sealed class AuditHeadInterceptor(AuditHeadFile file) : DbTransactionInterceptor
{
    public AuditHeadFile File => file;

    // a new transaction starts with nothing appended, whatever an earlier one on the context left behind
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Forget(eventData);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        Prepare(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Prepare(eventData);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData);
        return Task.CompletedTask;
    }

    // rolled back: the pending end never came; the next append's write replaces it
    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return Task.CompletedTask;
    }

    // only a failed commit ends the transaction (its pending end stays allowed: it may have committed); a savepoint's
    // error leaves the transaction open, with its rows still to commit
    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData)
    {
        if (eventData.Action == "Commit") Forget(eventData);
    }

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Action == "Commit") Forget(eventData);
        return Task.CompletedTask;
    }

    private static void Forget(TransactionEventData eventData)
    {
        if (eventData.Context is not AppDbContext context) return;
        context.UncommittedHead = null;
        context.CommittedEnd = null;
    }

    private void Prepare(TransactionEventData eventData)
    {
        if (eventData.Context is AppDbContext { UncommittedHead: { } next, CommittedEnd: { } end }) file.Pending(end, next);
    }

    private void Committed(TransactionEventData eventData)
    {
        if (eventData.Context is not AppDbContext { UncommittedHead: { } head }) return;
        Forget(eventData);
        try
        {
            file.Committed(head);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // the change has committed and must not be answered as failed: the flushed head already lets the table end
            // here, and the next append's write moves it on
        }
    }
}
