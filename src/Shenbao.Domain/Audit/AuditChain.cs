namespace Shenbao.Domain.Audit;

/// <summary>What a verification found: every row holds, or the first row that does not and why.</summary>
public abstract record ChainCheck
{
    private ChainCheck() { }

    public sealed record Holds(long Rows) : ChainCheck;

    /// <summary>The first broken row (its place in the chain) and what is wrong with it, in Chinese.</summary>
    public sealed record Broken(long Row, string Reason) : ChainCheck;
}

/// <summary>
/// Verifies the audit chain: rows numbered 1, 2, 3… without a gap, each pointing at the hash of the one before and
/// hashing to its own hash, and the end agreeing with the head recorded outside the table. Editing a row breaks its
/// hash; deleting, inserting or swapping rows breaks the numbering or the links; cutting the tail or rewriting the
/// whole chain consistently is caught by the outside head.
/// </summary>
public static class AuditChain
{
    /// <param name="rows">The rows in the order of their Seq, with the hash each row stores.</param>
    /// <param name="head">The head recorded outside the table after the last commit.</param>
    /// <param name="pending">Heads recorded before commits not yet confirmed (one in flight, or a crash in between): the table may end at one of them instead.</param>
    public static ChainCheck Verify(IEnumerable<(AuditRecord Record, string Hash)> rows, AuditHead? head, IReadOnlyCollection<AuditHead>? pending = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var last = AuditHead.Empty;
        foreach (var (record, stored) in rows)
        {
            var expected = last.Count + 1;
            if (record.Seq != expected)
                return new ChainCheck.Broken(expected, record.Seq > expected
                    ? $"第 {expected} 行缺失：其后紧接着第 {record.Seq} 行（行被删除）"
                    : $"第 {expected} 行的位置上是编号为 {record.Seq} 的行（行被插入或调换）");
            if (record.PreviousHash != last.Hash)
                return new ChainCheck.Broken(expected, $"第 {expected} 行记载的上一行哈希与第 {last.Count} 行的哈希不符（行被插入、删除或调换）");
            var actual = record.Hash();
            if (actual != stored)
                return new ChainCheck.Broken(expected, $"第 {expected} 行的内容与其哈希不符（行被修改）");
            last = new AuditHead(expected, stored);
        }

        if (head is null)
            return last.Count == 0 ? new ChainCheck.Holds(0) : new ChainCheck.Broken(last.Count, "库外的链头记录不存在：无法确认审计链的末尾未被截断或整链重写");
        if (last == head || (pending?.Contains(last) ?? false)) return new ChainCheck.Holds(last.Count);
        if (last.Count < head.Count)
            return new ChainCheck.Broken(last.Count + 1, $"审计链在第 {last.Count} 行结束，库外链头记载为 {head.Count} 行：第 {last.Count + 1} 行起被截去");
        if (last.Count > head.Count)
            return new ChainCheck.Broken(head.Count + 1, $"库外链头记载为 {head.Count} 行，表中却有 {last.Count} 行：第 {head.Count + 1} 行起是链头之外添加的");
        return new ChainCheck.Broken(last.Count, $"第 {last.Count} 行的哈希与库外链头记载的不符：审计链被整条重写");
    }

    /// <summary>Appends records after <paramref name="head"/>: numbers them, links each to the one before and hashes it.</summary>
    public static IReadOnlyList<(AuditRecord Record, string Hash)> Append(AuditHead head, IEnumerable<AuditRecord> records)
    {
        ArgumentNullException.ThrowIfNull(head);
        var appended = new List<(AuditRecord, string)>();
        var (count, previous) = (head.Count, head.Hash);
        foreach (var record in records)
        {
            var linked = record with { Seq = ++count, PreviousHash = previous, At = AuditRecord.Stored(record.At) };
            previous = linked.Hash();
            appended.Add((linked, previous));
        }
        return appended;
    }
}
