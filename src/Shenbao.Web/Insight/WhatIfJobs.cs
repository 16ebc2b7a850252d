using System.Collections.Concurrent;
using Shenbao.Data;
using Shenbao.Data.Insight;
using Shenbao.Domain.Guides;

namespace Shenbao.Web.Insight;

/// <summary>One what-if as it runs: who asked, over which call, how far it is, and its report or the reason it stopped.</summary>
public sealed class WhatIfJob(Guid id, int callId, string callTitle, string startedBy, DateTimeOffset startedAt, IReadOnlyList<string> settings)
{
    private volatile WhatIfProgress progress = new(WhatIfData.Judging, 0, 0);

    public Guid Id { get; } = id;
    public int CallId { get; } = callId;
    public string CallTitle { get; } = callTitle;
    public string StartedBy { get; } = startedBy;
    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>The settings as given, one "category.rule[.part].parameter=value" each: what the form shows again.</summary>
    public IReadOnlyList<string> Settings { get; } = settings;

    public WhatIfProgress Progress => progress;

    // written by the run's thread, read by the pages' requests
    private volatile WhatIfReport? report;
    private volatile string? failure;

    public WhatIfReport? Report => report;
    public string? Failure => failure;
    public bool Finished => Report is not null || Failure is not null;

    /// <summary>The run itself: what a caller that can wait (the post, for a second) waits on.</summary>
    public Task Running { get; internal set; } = Task.CompletedTask;

    internal void Advance(WhatIfProgress now) => progress = now;

    internal void Finish(WhatIfReport done) => report = done;

    internal void Fail(string reason) => failure = reason;
}

/// <summary>
/// The what-ifs the bureau runs, each in the background with its own database scope, so the page can show a progress
/// bar while 100,000 submissions are judged twice. One runs at a time (a run takes every core): the next waits its turn,
/// and asking again for a run already under way joins it. Finished runs are kept in this process for an hour (the last
/// 20); a run is light enough to repeat, so nothing of it is stored. A run stops when the application does.
/// </summary>
public sealed class WhatIfJobs(IServiceScopeFactory scopes, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<WhatIfJobs> log) : IDisposable
{
    public const int Kept = 20;
    public const string Waiting = "等待前一次模拟完成";
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<Guid, WhatIfJob> jobs = new();
    private readonly SemaphoreSlim turn = new(1, 1);

    public WhatIfJob? Find(Guid id) => jobs.TryGetValue(id, out var job) && (!job.Finished || clock.GetUtcNow() - job.StartedAt < KeptFor) ? job : null;

    /// <summary>Starts a what-if of the call under the guide and its changed copy; the job says when it is done.</summary>
    public WhatIfJob Start(int callId, string callTitle, Guide baseline, Guide changed, IReadOnlyList<string> settings, string startedBy) =>
        Start(callId, callTitle, settings, startedBy, (db, progress, ct) => CallWhatIf.RunAsync(db, callId, baseline, changed, progress, ct));

    /// <summary>
    /// Starts a job that runs <paramref name="run"/> in its turn, with a database scope of its own and the job's
    /// progress; the same call with the same settings while one is still running gets that one.
    /// </summary>
    public WhatIfJob Start(int callId, string callTitle, IReadOnlyList<string> settings, string startedBy,
        Func<AppDbContext, IProgress<WhatIfProgress>, CancellationToken, Task<WhatIfReport>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(settings);
        Prune();
        if (jobs.Values.FirstOrDefault(j => !j.Finished && j.CallId == callId && j.Settings.SequenceEqual(settings)) is { } running) return running;
        var job = new WhatIfJob(Guid.NewGuid(), callId, callTitle, startedBy, clock.GetUtcNow(), settings);
        jobs[job.Id] = job;
        job.Running = Task.Run(async () =>
        {
            var ct = lifetime.ApplicationStopping;
            try
            {
                if (!turn.Wait(0))
                {
                    job.Advance(new WhatIfProgress(Waiting, 0, 0));
                    await turn.WaitAsync(ct);
                }
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    job.Finish(await run(db, new Progress(job), ct));
                }
                finally
                {
                    turn.Release();
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                job.Fail("系统正在停止，模拟未完成，请稍后重新运行");
            }
#pragma warning disable CA1031 // a failed run is told to the officer on the page, never thrown into a thread pool thread
            catch (Exception e)
#pragma warning restore CA1031
            {
                log.LogError(e, "What-if {Job} over call {Call} failed", job.Id, callId);
                job.Fail("重新判定时出错，请稍后重试；如仍出错请联系系统管理员");
            }
        });
        return job;
    }

    public void Dispose() => turn.Dispose();

    private void Prune()
    {
        var now = clock.GetUtcNow();
        // a run still going is never dropped: its page keeps polling it
        foreach (var (id, job) in jobs)
            if (job.Finished && now - job.StartedAt >= KeptFor) jobs.TryRemove(id, out _);
        foreach (var job in jobs.Values.Where(j => j.Finished).OrderByDescending(j => j.StartedAt).Skip(Kept - 1))
            jobs.TryRemove(job.Id, out _);
    }

    /// <summary>Reports straight into the job (IProgress&lt;T&gt; of the BCL would post to a synchronisation context).</summary>
    private sealed class Progress(WhatIfJob job) : IProgress<WhatIfProgress>
    {
        public void Report(WhatIfProgress value) => job.Advance(value);
    }
}
