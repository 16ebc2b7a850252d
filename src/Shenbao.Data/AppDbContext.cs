using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Shenbao.Data.Audit;
using Shenbao.Data.Experts;
using Shenbao.Data.Notifications;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Audit;

namespace Shenbao.Data;

/// <summary>The audit trail does not end where its outside head says: appending is refused until someone looks.</summary>
public sealed class AuditTrailBrokenException : InvalidOperationException
{
    public AuditTrailBrokenException(string message) : base(message) { }

    public AuditTrailBrokenException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>The database. Each provider has its own subclass and migration set, as EF requires.</summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<User>(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    public DbSet<Organisation> Organisations => Set<Organisation>();

    /// <summary>The Data Protection keys when several nodes share them (Shenbao:DataProtection:Store = database).</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();
    public DbSet<FundingCall> Calls => Set<FundingCall>();
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<ApplicationEvent> ApplicationEvents => Set<ApplicationEvent>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<SubmissionSnapshot> Snapshots => Set<SubmissionSnapshot>();
    public DbSet<AuditEntry> AuditTrail => Set<AuditEntry>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<SentReminder> SentReminders => Set<SentReminder>();
    public DbSet<TechSmeAssessment> TechSmeAssessments => Set<TechSmeAssessment>();
    public DbSet<RecommendationQuota> RecommendationQuotas => Set<RecommendationQuota>();
    public DbSet<SimilarityBand> SimilarityBands => Set<SimilarityBand>();
    public DbSet<Objection> Objections => Set<Objection>();
    public DbSet<StoredGuide> StoredGuides => Set<StoredGuide>();
    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();
    public DbSet<PasswordHistoryEntry> PasswordHistory => Set<PasswordHistoryEntry>();
    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();
    public DbSet<Security.SecurityPolicyRecord> SecurityPolicies => Set<Security.SecurityPolicyRecord>();
    public DbSet<Settings.SiteSettingsRecord> SiteSettings => Set<Settings.SiteSettingsRecord>();
    public DbSet<Expert> Experts => Set<Expert>();
    public DbSet<ExpertReview> ExpertReviews => Set<ExpertReview>();
    public DbSet<AssignmentRun> AssignmentRuns => Set<AssignmentRun>();
    public DbSet<AssignmentExclusion> AssignmentExclusions => Set<AssignmentExclusion>();
    public DbSet<ReviewReminder> ReviewReminders => Set<ReviewReminder>();
    public DbSet<OfficialLists.OfficialListImport> OfficialListImports => Set<OfficialLists.OfficialListImport>();
    public DbSet<OfficialLists.HteCertificateEntry> HteCertificates => Set<OfficialLists.HteCertificateEntry>();
    public DbSet<OfficialLists.ContractRegistrationEntry> ContractRegistrations => Set<OfficialLists.ContractRegistrationEntry>();

    private readonly List<AuditEntry> pendingAudit = [];

    /// <summary>The head this context's open transaction will leave when it commits (written to the outside head file then).</summary>
    internal AuditHead? UncommittedHead { get; set; }

    /// <summary>Where the table ended, committed, when this transaction first appended (checked against the outside head then).</summary>
    internal AuditHead? CommittedEnd { get; set; }

    /// <summary>
    /// Records an audit row with the next save: the save writes the change and then the row, in one transaction, so
    /// a change is never stored without its row, nor a row without its change.
    /// </summary>
    public void Audit(AuditEntry entry) => pendingAudit.Add(entry);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        pendingAudit.Count == 0 ? base.SaveChanges(acceptAllChangesOnSuccess) : throw new InvalidOperationException("Audited changes are saved with SaveChangesAsync.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (pendingAudit.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        var entries = pendingAudit.ToList();
        pendingAudit.Clear();
        var headFile = this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<AuditHeadInterceptor>().SingleOrDefault()?.File
            ?? throw new InvalidOperationException("This context has no audit head file (DataServices.Create(..., auditHead)): rows appended through it would not be in the outside head.");
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            // the change first and the chain last: every transaction takes the chain's lock as its last lock, so two
            // transactions never wait for each other in a circle (one holding a row, the other the chain)
            // (each save accepts its changes: a second save must not insert them again. After a failure the context is
            // left as after any failed transaction: a page answers and is disposed; it does not save again)
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await LockAuditChainAsync(cancellationToken);
            var last = await AuditTrail.AsNoTracking().OrderByDescending(a => a.Seq).Select(a => new { a.Seq, a.Hash }).FirstOrDefaultAsync(cancellationToken);
            var end = last is null ? AuditHead.Empty : new AuditHead(last.Seq, last.Hash);
            // a trail that no longer ends where the outside head says (cut, or rewritten) is not continued: a new row
            // linked to a forged end would move the head onto the forgery and hide it
            // (a second audited save in the same transaction continues its own first one, which the file learns of at the commit)
            if (end != UncommittedHead)
            {
                RefuseBrokenChain(headFile, end);
                CommittedEnd = end;
            }
            var linked = AuditChain.Append(end, entries.Select(e => e.ToRecord()));
            foreach (var (entry, (record, hash)) in entries.Zip(linked)) entry.Link(record, hash);
            AuditTrail.AddRange(entries);
            saved += await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            UncommittedHead = new AuditHead(entries[^1].Seq, entries[^1].Hash);
            // once begun, the commit is not cancelled by a client going away: its outcome must be known
            if (own is not null) await own.CommitAsync(CancellationToken.None);
            return saved;
        }
        catch
        {
            foreach (var entry in entries) if (Entry(entry).State != EntityState.Detached) Entry(entry).State = EntityState.Detached;
            throw;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>Throws unless the table's end is one the outside head allows; says what to do when it is not.</summary>
    private static void RefuseBrokenChain(AuditHeadFile headFile, AuditHead end)
    {
        AuditHeadFile.State state;
        try
        {
            state = headFile.Read();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new AuditTrailBrokenException($"{e.Message}. Nothing is appended to the audit trail until the head is readable again.", e);
        }
        if (state.Allows(end)) return;
        throw new AuditTrailBrokenException(state.Head is null
            ? $"The audit trail has {end.Count} rows but its head {headFile.Path} does not exist: check Shenbao:DataPath (the head lives beside the database's data). " +
              "If the head was lost, run `audit verify`, then `audit accept` to take the table's end as the head."
            : $"The audit trail ends at row {end.Count} ({end.Hash}), but the head in {headFile.Path} is row {state.Head.Count} ({state.Head.Hash}): rows were cut or rewritten, or the database " +
              "was restored without its head. Nothing is appended until `audit verify` has been run, the cause found, and `audit accept` has taken the table's end as the head.");
    }

    /// <summary>
    /// One appender at a time across every process: on PostgreSQL a transaction-scoped advisory lock; SQLite's write
    /// transactions (BEGIN IMMEDIATE) already hold the only write lock.
    /// </summary>
    public async Task LockAuditChainAsync(CancellationToken ct)
    {
        if (Database.IsNpgsql()) await Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(72450701)", ct);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.Entity<User>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(100);
            u.Property(x => x.District).HasMaxLength(50);
            u.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Organisation>(o =>
        {
            o.HasIndex(x => x.CreditCode).IsUnique();
            o.HasIndex(x => new { x.District, x.Status });
            o.Property(x => x.CreditCode).HasMaxLength(18);
            o.Property(x => x.Name).HasMaxLength(200);
            o.Property(x => x.Kind).HasMaxLength(30);
            o.Property(x => x.District).HasMaxLength(50);
            o.Property(x => x.ContactName).HasMaxLength(50);
            o.Property(x => x.ContactPhone).HasMaxLength(30);
            o.Property(x => x.ContactEmail).HasMaxLength(200);
            o.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            o.Property(x => x.TechSmeNumber).HasMaxLength(40);
            o.Property(x => x.ReturnedBy).HasMaxLength(100);
            o.Property(x => x.ReturnReason).HasMaxLength(Organisation.ReturnReasonLimit);
            o.Property(x => x.Version).IsConcurrencyToken();
        });
        builder.Entity<TechSmeAssessment>(t =>
        {
            // an organisation's assessments, newest first, and the latest of a year
            t.HasIndex(x => new { x.OrganisationId, x.AssessedAt });
            t.HasIndex(x => new { x.OrganisationId, x.Year });
            t.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            t.Property(x => x.StandardId).HasMaxLength(100);
            t.Property(x => x.StandardVersion).HasMaxLength(50);
            t.Property(x => x.Route).HasMaxLength(20);
            t.Property(x => x.AssessedById).HasMaxLength(450);
            t.Property(x => x.AssessedByName).HasMaxLength(100);
        });
        builder.Entity<FundingCall>(c =>
        {
            // a call is its guide: application numbers count per call under the guide's id, so two calls of one guide would share them
            c.HasIndex(x => x.GuideId).IsUnique();
            c.Property(x => x.GuideId).HasMaxLength(100);
            c.Property(x => x.Title).HasMaxLength(200);
        });
        builder.Entity<Application>(a =>
        {
            a.HasIndex(x => x.Number).IsUnique();
            a.HasIndex(x => new { x.OrganisationId, x.Status });
            a.HasIndex(x => new { x.CallId, x.Category, x.Status });
            // the district filter, a 推荐单位's quota, and the statistics' one grouped count of district, category,
            // status (submitted or not) and verdict all read this index alone
            a.HasIndex(x => new { x.CallId, x.District, x.Category, x.Status, x.SubmittedAt, x.Verdict });
            a.HasIndex(x => new { x.CallId, x.SupportField, x.Status, x.SubmittedAt });
            a.HasIndex(x => new { x.OrganisationId, x.CallId, x.PlatformId });
            // formal review's count of a whole call reads this index alone (ReviewList)
            a.HasIndex(x => new { x.CallId, x.Status, x.SubmittedAt });
            // narrow on purpose: SQLite walks it for the lists' CallId lookups, and a wider one (rows out of id order) doubled their time
            a.HasIndex(x => new { x.CallId, x.Verdict });
            a.HasIndex(x => new { x.CallId, x.ContractRegistrationNo });
            a.HasIndex(x => new { x.CallId, x.LeaderName });
            a.Property(x => x.Verdict).HasMaxLength(20);
            a.Property(x => x.ProposedAmount).HasPrecision(18, 2);
            a.Property(x => x.AvoidExperts).HasMaxLength(1000);
            a.Property(x => x.WarnedRules).HasMaxLength(1000);
            a.Property(x => x.ContractRegistrationNo).HasMaxLength(Listing.FieldLength);
            a.Property(x => x.TitleSignature).HasMaxLength(1024);
            a.Property(x => x.SummarySignature).HasMaxLength(1024);
            a.HasIndex(x => x.Title);
            a.HasIndex(x => x.LeaderName);
            a.HasIndex(x => x.TotalBudget);
            a.HasIndex(x => x.RequestedFunding);
            a.HasIndex(x => x.ReceiptNo).IsUnique();
            a.Property(x => x.Number).HasMaxLength(60);
            a.Property(x => x.LastEditor).HasMaxLength(40);
            a.Property(x => x.District).HasMaxLength(50);
            a.Property(x => x.Title).HasMaxLength(Listing.TitleLength);
            a.Property(x => x.SupportField).HasMaxLength(Listing.FieldLength);
            a.Property(x => x.LeaderName).HasMaxLength(Listing.LeaderLength);
            a.Property(x => x.PlatformId).HasMaxLength(Listing.PlatformLength);
            a.Property(x => x.TotalBudget).HasPrecision(18, 2);
            a.Property(x => x.RequestedFunding).HasPrecision(18, 2);
            a.Property(x => x.Category).HasMaxLength(50);
            a.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.ReturnedFrom).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.Version).IsConcurrencyToken();
            a.Property(x => x.ReceiptNo).HasMaxLength(50);
            a.Property(x => x.ContentHash).HasMaxLength(64);
            a.Property(x => x.CreatedById).HasMaxLength(450);
            a.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            a.HasOne(x => x.Call).WithMany().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Restrict);
            a.HasMany(x => x.Events).WithOne().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            a.HasMany(x => x.Attachments).WithOne().HasForeignKey(f => f.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            a.HasMany(x => x.Snapshots).WithOne().HasForeignKey(s => s.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<SubmissionSnapshot>(s =>
        {
            s.HasIndex(x => x.ReceiptNo).IsUnique();
            // an application's submissions, and the statistics' submissions per day without reading the frozen parts
            s.HasIndex(x => new { x.ApplicationId, x.SubmittedAt });
            s.Property(x => x.ReceiptNo).HasMaxLength(70);
            s.Property(x => x.ApplicationNumber).HasMaxLength(60);
            s.Property(x => x.SubmittedById).HasMaxLength(450);
            s.Property(x => x.GuideId).HasMaxLength(100);
            s.Property(x => x.GuideVersion).HasMaxLength(50);
            s.Property(x => x.Hash).HasMaxLength(64);
        });
        builder.Entity<PasswordHistoryEntry>(h =>
        {
            h.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            h.HasIndex(x => new { x.UserId, x.Id });
        });
        builder.Entity<RecoveryCode>(r =>
        {
            r.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            r.HasIndex(x => new { x.UserId, x.Hash });
            r.Property(x => x.Hash).HasMaxLength(64);
        });
        builder.Entity<User>().Property(u => u.TotpSecret).HasMaxLength(64);
        builder.Entity<Security.SecurityPolicyRecord>(p =>
        {
            p.ToTable("SecurityPolicies");
            p.Property(x => x.Id).ValueGeneratedNever();
            p.Property(x => x.Version).IsConcurrencyToken();
            p.Property(x => x.ChangedBy).HasMaxLength(256);
        });
        builder.Entity<Settings.SiteSettingsRecord>(p =>
        {
            p.ToTable("SiteSettings");
            p.Property(x => x.Id).ValueGeneratedNever();
            p.Property(x => x.Version).IsConcurrencyToken();
            p.Property(x => x.Notice).HasMaxLength(Settings.SiteSettings.NoticeLimit);
            p.Property(x => x.SupportPhone).HasMaxLength(Settings.SiteSettings.PhoneLimit);
            p.Property(x => x.SupportMail).HasMaxLength(Settings.SiteSettings.MailLimit);
            p.Property(x => x.SupportHours).HasMaxLength(Settings.SiteSettings.HoursLimit);
            p.Property(x => x.ChangedBy).HasMaxLength(256);
        });
        builder.Entity<SignInThrottle>(t =>
        {
            t.HasKey(x => x.Name);
            t.Property(x => x.Name).HasMaxLength(SignInThrottle.NameLimit);
        });
        builder.Entity<StoredGuide>(g =>
        {
            g.HasIndex(x => x.GuideId).IsUnique();
            g.Property(x => x.GuideId).HasMaxLength(100);
            g.Property(x => x.Version).HasMaxLength(50);
            g.Property(x => x.ImportedBy).HasMaxLength(100);
        });
        builder.Entity<Objection>(o =>
        {
            o.HasIndex(x => new { x.ApplicationId, x.SubmittedAt });
            o.HasOne(x => x.Application).WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
            o.Property(x => x.Name).HasMaxLength(50);
            o.Property(x => x.Contact).HasMaxLength(100);
            o.Property(x => x.Text).HasMaxLength(Objection.TextLimit);
            o.Property(x => x.Answer).HasMaxLength(Objection.TextLimit);
            o.Property(x => x.AnsweredBy).HasMaxLength(100);
        });
        builder.Entity<SimilarityBand>(b =>
        {
            b.HasIndex(x => new { x.CallId, x.Text, x.Band, x.Hash });
            b.HasIndex(x => x.ApplicationId);
            b.HasOne(x => x.Application).WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
            b.Property(x => x.Text).HasMaxLength(10);
        });
        builder.Entity<RecommendationQuota>(q =>
        {
            q.HasIndex(x => new { x.CallId, x.District, x.Category }).IsUnique();
            q.HasOne<FundingCall>().WithMany().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Cascade);
            q.Property(x => x.District).HasMaxLength(50);
            q.Property(x => x.Category).HasMaxLength(50);
        });
        builder.Entity<ApplicationEvent>(e =>
        {
            e.HasIndex(x => new { x.ApplicationId, x.Action });
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.UserName).HasMaxLength(100);
            e.Property(x => x.Action).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.From).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.To).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Reason).HasMaxLength(ApplicationEvent.ReasonLimit);
            e.Property(x => x.InternalNote).HasMaxLength(ApplicationEvent.ReasonLimit);
            e.Property(x => x.Clauses).HasMaxLength(1000);
            e.Property(x => x.Note).HasMaxLength(2000);
        });
        builder.Entity<AuditEntry>(a =>
        {
            a.ToTable("AuditTrail");
            a.HasKey(x => x.Seq);
            a.Property(x => x.Seq).ValueGeneratedNever();
            a.HasIndex(x => x.At);
            a.HasIndex(x => new { x.UserName, x.At });
            a.HasIndex(x => new { x.Action, x.At });
            a.HasIndex(x => new { x.ObjectType, x.ObjectId });
            a.Property(x => x.UserId).HasMaxLength(450);
            a.Property(x => x.UserName).HasMaxLength(256);
            a.Property(x => x.Role).HasMaxLength(30);
            a.Property(x => x.ClientAddress).HasMaxLength(64);
            // read strictly: a stored word that is not exactly a name ("signin", "5") becomes no action, so it cannot hash as one
            a.Property(x => x.Action).HasConversion(v => v.ToString(), s => AuditEntry.Strict<AuditAction>(s)).HasMaxLength(40);
            a.Property(x => x.ObjectType).HasMaxLength(30);
            a.Property(x => x.ObjectId).HasMaxLength(100);
            a.Property(x => x.Outcome).HasConversion(v => v.ToString(), s => AuditEntry.Strict<AuditOutcome>(s)).HasMaxLength(20);
            a.Property(x => x.Details).HasMaxLength(4000);
            a.Property(x => x.PreviousHash).HasMaxLength(64);
            a.Property(x => x.Hash).HasMaxLength(64);
        });
        builder.Entity<Notification>(n =>
        {
            n.HasIndex(x => new { x.UserId, x.ReadAt });
            n.HasIndex(x => new { x.UserId, x.CreatedAt });
            n.Property(x => x.UserId).HasMaxLength(450);
            n.Property(x => x.Subject).HasMaxLength(200);
            n.Property(x => x.Body).HasMaxLength(4000);
            n.Property(x => x.Link).HasMaxLength(300);
        });
        builder.Entity<OutboxMessage>(m =>
        {
            m.ToTable("Outbox");
            m.HasIndex(x => new { x.SentAt, x.NextAttemptAt });
            m.Property(x => x.ToAddress).HasMaxLength(256);
            m.Property(x => x.ToName).HasMaxLength(100);
            m.Property(x => x.Subject).HasMaxLength(200);
            m.Property(x => x.Body).HasMaxLength(4000);
            m.Property(x => x.LastError).HasMaxLength(500);
        });
        builder.Entity<Expert>(e =>
        {
            e.HasIndex(x => x.IdNumber).IsUnique();
            e.HasIndex(x => x.UserId).IsUnique();
            e.HasIndex(x => new { x.Active, x.Name });
            e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Name).HasMaxLength(Shenbao.Domain.Experts.ExpertSheet.TextLimit);
            e.Property(x => x.IdNumber).HasMaxLength(18);
            e.Property(x => x.Organisation).HasMaxLength(Shenbao.Domain.Experts.ExpertSheet.TextLimit);
            e.Property(x => x.Title).HasMaxLength(Shenbao.Domain.Experts.ExpertSheet.TextLimit);
            e.Property(x => x.Fields).HasMaxLength(2000);
            e.Property(x => x.Phone).HasMaxLength(20);
            e.Property(x => x.Email).HasMaxLength(200);
            e.Property(x => x.AvoidOrganisations).HasMaxLength(4000);
            e.Property(x => x.ImportedBy).HasMaxLength(100);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        builder.Entity<ExpertReview>(r =>
        {
            // an expert's own list, an application's experts, and a call's progress each read one index
            r.HasIndex(x => new { x.ExpertId, x.State });
            r.HasIndex(x => new { x.ApplicationId, x.State });
            // an expert stands on an application once: two runs at once cannot both give it to them
            r.HasIndex(x => new { x.ApplicationId, x.ExpertId }).IsUnique().HasFilter("\"State\" IN ('Pending', 'Declared', 'Submitted')");
            r.HasIndex(x => new { x.CallId, x.State });
            r.HasOne(x => x.Application).WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
            r.HasOne(x => x.Expert).WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Restrict);
            r.HasOne(x => x.Run).WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Restrict);
            r.HasOne<FundingCall>().WithMany().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Restrict);
            r.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.AssignedBy).HasMaxLength(100);
            r.Property(x => x.ConflictNote).HasMaxLength(ExpertReview.CommentLimit);
            r.Property(x => x.Opinion).HasMaxLength(ExpertReview.CommentLimit);
            r.Property(x => x.OfficerNote).HasMaxLength(ExpertReview.CommentLimit);
            r.Property(x => x.Total).HasPrecision(9, 2);
            r.Property(x => x.Version).IsConcurrencyToken();
        });
        builder.Entity<AssignmentRun>(r =>
        {
            r.HasIndex(x => new { x.CallId, x.At });
            r.HasOne<FundingCall>().WithMany().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Restrict);
            r.Property(x => x.By).HasMaxLength(100);
            r.HasMany(x => x.Exclusions).WithOne().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AssignmentExclusion>(x =>
        {
            x.HasIndex(e => new { e.RunId, e.ApplicationId });
            x.HasOne(e => e.Expert).WithMany().HasForeignKey(e => e.ExpertId).OnDelete(DeleteBehavior.Restrict);
            x.HasOne<Application>().WithMany().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Restrict);
            x.Property(e => e.Reason).HasConversion<string>().HasMaxLength(30);
            x.Property(e => e.Detail).HasMaxLength(500);
        });
        builder.Entity<ReviewReminder>(r =>
        {
            r.HasKey(x => new { x.CallId, x.ExpertId });
            r.HasOne<Expert>().WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Cascade);
        });
        // a claim is looked up by its number in the current import; a second import of the same version is refused
        builder.Entity<OfficialLists.OfficialListImport>(i =>
        {
            i.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            i.HasIndex(x => new { x.Kind, x.Version }).IsUnique();
            i.Property(x => x.ImportedBy).HasMaxLength(100);
            i.Property(x => x.FileName).HasMaxLength(255);
        });
        builder.Entity<OfficialLists.HteCertificateEntry>(c =>
        {
            c.ToTable("HteCertificates");
            c.HasIndex(x => new { x.ImportId, x.CertificateNo }).IsUnique();
            c.HasOne<OfficialLists.OfficialListImport>().WithMany().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Cascade);
            foreach (var text in new[] { nameof(OfficialLists.HteCertificateEntry.CertificateNo), nameof(OfficialLists.HteCertificateEntry.CompanyName), nameof(OfficialLists.HteCertificateEntry.CreditCode) })
                c.Property(text).HasMaxLength(Shenbao.Domain.OfficialLists.OfficialListSheet.TextLimit);
        });
        builder.Entity<OfficialLists.ContractRegistrationEntry>(c =>
        {
            c.ToTable("ContractRegistrations");
            c.HasIndex(x => new { x.ImportId, x.RegistrationNo }).IsUnique();
            c.HasOne<OfficialLists.OfficialListImport>().WithMany().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Cascade);
            foreach (var text in new[] { nameof(OfficialLists.ContractRegistrationEntry.RegistrationNo), nameof(OfficialLists.ContractRegistrationEntry.ContractName),
                         nameof(OfficialLists.ContractRegistrationEntry.Seller), nameof(OfficialLists.ContractRegistrationEntry.Buyer) })
                c.Property(text).HasMaxLength(Shenbao.Domain.OfficialLists.OfficialListSheet.TextLimit);
            c.Property(x => x.Amount).HasPrecision(18, 2);
        });
        builder.Entity<SentReminder>(r =>
        {
            r.ToTable("SentReminders");
            r.HasKey(x => new { x.CallId, x.OrganisationId });
        });
        builder.Entity<Attachment>(f =>
        {
            f.HasIndex(x => new { x.OrganisationId, x.ApplicationId });
            f.Property(x => x.Purpose).HasMaxLength(100);
            f.Property(x => x.FileName).HasMaxLength(255);
            f.Property(x => x.ContentType).HasMaxLength(100);
            f.Property(x => x.Sha256).HasMaxLength(64);
            f.Property(x => x.UploadedBy).HasMaxLength(100);
            f.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

/// <summary>SQLite: the default, a file under ./data. DateTimeOffset is stored as UTC ticks so it can be ordered.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<decimal>().HaveConversion<string>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // list columns are sorted on: SQLite orders REAL, not the TEXT that keeps other amounts exact (the form keeps the exact figure)
        builder.Entity<Application>(a =>
        {
            a.Property(x => x.TotalBudget).HasConversion<double?>();
            a.Property(x => x.RequestedFunding).HasConversion<double?>();
        });
    }
}

/// <summary>PostgreSQL: for scale. DateTimeOffset maps to timestamptz, always written in UTC.</summary>
public sealed class NpgsqlAppDbContext(DbContextOptions<NpgsqlAppDbContext> options) : AppDbContext(options);
