using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Shenbao.Data.Audit;
using Shenbao.Domain.Applications;
using Shenbao.Domain.Audit;
using Shenbao.Domain.Eligibility;
using Shenbao.Domain.Guides;
using Shenbao.Domain.Requests;

namespace Shenbao.Data.Demo;

/// <summary>
/// The demo: a call open now (dates marked as demo), an account for every role, and organisations and
/// applications in several states. Written once into an empty database; passwords work only in demo mode.
/// </summary>
public static partial class DemoData
{
    /// <summary>The password of every demo account (listed in the README); refused outside demo mode.</summary>
    public const string Password = "Shenbao-2025";

    /// <summary>
    /// The published TOTP key of the demo's privileged accounts (the 市科技局, experts, the three administrators), shown
    /// on the sign-in page in demo mode like the password: add it to any authenticator app, or run
    /// <c>oathtool --totp -b SHENBAOXDEMOXTOTPXSECRETXHENGYAN</c>.
    /// </summary>
    public const string TotpSecret = "SHENBAOXDEMOXTOTPXSECRETXHENGYAN";

    public sealed record Account(string UserName, string DisplayName, string Role, string? Organisation = null, string? District = null);

    public static readonly IReadOnlyList<Account> Accounts =
    [
        new("zhiheng-admin", "李经理（衡阳智衡计量科技有限公司）", Roles.OrgAdmin, "91430408MA7B2C3D4Y"),
        new("zhiheng-leader", "王工（衡阳智衡计量科技有限公司）", Roles.ProjectLeader, "91430408MA7B2C3D4Y"),
        new("hynu-admin", "科技处陈老师（衡阳师范学院）", Roles.OrgAdmin, "12430400MB1234567H"),
        new("gaoxin-recommender", "高新区科技局", Roles.Recommender, District: "衡阳高新技术产业开发区"),
        new("zhuhui-recommender", "珠晖区科技局", Roles.Recommender, District: "珠晖区"),
        new("bureau-officer", "市科技局计划科", Roles.Bureau),
        new("expert-zhang", "张建华（评审专家）", Roles.Expert),
        new("expert-li", "李明远（评审专家）", Roles.Expert),
        new("expert-wang", "王静（评审专家）", Roles.Expert),
        new("expert-zhao", "赵立新（评审专家）", Roles.Expert),
        new("expert-liu", "刘芳（评审专家）", Roles.Expert),
        new("expert-chen", "陈志强（评审专家）", Roles.Expert),
        new("expert-sun", "孙海燕（评审专家）", Roles.Expert),
        new("expert-zhou", "周国平（评审专家）", Roles.Expert),
        new("sysadmin", "系统管理员", Roles.SystemAdmin),
        new("auditadmin", "审计管理员", Roles.AuditAdmin),
        new("secadmin", "安全管理员", Roles.SecurityAdmin),
    ];

    /// <summary>Seeds an empty database; does nothing when a call already exists.</summary>
    /// <param name="filesRoot">The attachment store (Shenbao:DataPath/files) that the demo's documents are written into.</param>
    public static async Task SeedAsync(AppDbContext db, Guide guide, Shenbao.Domain.TechSme.Standard techSme, string callTitle, DateTimeOffset now, string filesRoot, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(guide);
        ArgumentNullException.ThrowIfNull(techSme);
        if (await db.Calls.AnyAsync(ct)) return;
        // the demo and its audit trail are written whole or not at all
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var guideId = guide.Id;

        var deadline = now.AddDays(30);
        var call = new FundingCall
        {
            GuideId = guideId,
            Title = callTitle,
            OpensAt = now.AddDays(-7),
            Deadline = deadline,
            RecommendationDeadline = deadline.AddDays(10),
            IsDemo = true,
        };
        db.Calls.Add(call);

        // roles may exist already (a database first started outside demo mode creates them at start-up)
        var existing = await db.Roles.Select(r => r.Name).ToListAsync(ct);
        foreach (var role in Roles.Labels.Keys.Except(existing.OfType<string>()))
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });

        var zhiheng = new Organisation
        {
            CreditCode = "91430408MA7B2C3D4Y", Name = "衡阳智衡计量科技有限公司", Kind = "enterprise", District = "衡阳高新技术产业开发区",
            ContactName = "李经理", ContactPhone = "0734-8880001", ContactEmail = "contact@zhiheng.example",
            Status = OrganisationStatus.Active, RegisteredAt = now.AddDays(-20), ActivatedAt = now.AddDays(-19), ActivatedBy = "高新区科技局",
            ProfileJson = EnterpriseProfile,
        };
        var hynu = new Organisation
        {
            CreditCode = "12430400MB1234567H", Name = "衡阳师范学院", Kind = "university", District = "珠晖区",
            ContactName = "陈老师", ContactPhone = "0734-8480002",
            Status = OrganisationStatus.Active, RegisteredAt = now.AddDays(-15), ActivatedAt = now.AddDays(-14), ActivatedBy = "珠晖区科技局",
            ProfileJson = UniversityProfile,
        };
        var pending = new Organisation
        {
            CreditCode = "91430400MA4L0X0X1H", Name = "衡阳新材科技有限公司（待激活）", Kind = "enterprise", District = "衡阳高新技术产业开发区",
            ContactName = "赵女士", ContactPhone = "0734-8880003", Status = OrganisationStatus.Pending, RegisteredAt = now.AddDays(-1),
        };
        db.Organisations.AddRange(zhiheng, hynu, pending);
        await db.SaveChangesAsync(ct);
        // 限额推荐 where the bureau sets it: 高新区 may recommend three 产学研合作 projects in the demo call
        db.RecommendationQuotas.Add(new RecommendationQuota { CallId = call.Id, District = zhiheng.District, Category = "iur-cooperation", Limit = 3 });

        var hasher = new PasswordHasher<User>();
        var users = new Dictionary<string, User>();
        foreach (var account in Accounts)
        {
            var organisation = account.Organisation switch
            {
                "91430408MA7B2C3D4Y" => zhiheng,
                "12430400MB1234567H" => hynu,
                _ => null,
            };
            var user = new User
            {
                UserName = account.UserName, NormalizedUserName = account.UserName.ToUpperInvariant(),
                Email = $"{account.UserName}@demo.invalid", NormalizedEmail = $"{account.UserName}@DEMO.INVALID", EmailConfirmed = true,
                DisplayName = account.DisplayName, OrganisationId = organisation?.Id, District = account.District,
                SecurityStamp = Guid.NewGuid().ToString("N"), LockoutEnabled = true, IsDemo = true, PasswordChangedAt = now,
            };
            if (Roles.IsPrivileged(account.Role)) (user.TotpSecret, user.TotpEnabledAt) = (TotpSecret, now);
            user.PasswordHash = hasher.HashPassword(user, Password);
            db.Users.Add(user);
            users[account.UserName] = user;
        }
        await db.SaveChangesAsync(ct);
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        foreach (var account in Accounts)
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = users[account.UserName].Id, RoleId = roles[account.Role] });

        // the company's HTE certificate as the proof of its profile section, as an administrator would upload it
        var certificate = await DemoFileAsync(filesRoot, zhiheng, "proof:highTech", "高新技术企业证书.pdf", users["zhiheng-admin"], now.AddDays(-18), ct);
        db.Attachments.Add(certificate);
        var today = ChinaTime.DateOf(now);
        await AssessTechSmeAsync(db, techSme, guide.Year, zhiheng, users["zhiheng-admin"], now.AddDays(-18), filesRoot, ct);
        string Day(int months) => today.AddMonths(months).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var leader = users["zhiheng-leader"];
        var iurDocuments = new List<Attachment>();
        foreach (var (purpose, name) in new[] { ("tech-contract", "技术开发合同.pdf"), ("contract-registration", "技术合同认定登记证明.pdf"), ("bank-receipt", "银行进账单.pdf"), ("invoice", "发票.pdf") })
            iurDocuments.Add(await DemoFileAsync(filesRoot, zhiheng, purpose, name, leader, now.AddDays(-2), ct));
        db.Applications.AddRange(
            Draft(guide, call, zhiheng, leader, ActorRole.ProjectLeader, "major-project", now, new()
            {
                ["project.title"] = "高精度智能衡器称重传感器关键技术研发",
                ["application.field"] = "智能计量",
                ["application.leader.name"] = "王工",
                ["application.leader.title"] = "associate-senior",
                ["narrative.summary"] = "研发高精度数字称重传感器及其温度补偿算法，形成智能衡器整机产品。",
            }),
            Draft(guide, call, zhiheng, leader, ActorRole.ProjectLeader, "achievement-transfer", now, new()
            {
                ["project.title"] = "动态称重技术成果转化与产业化",
                ["application.field"] = "智能计量",
                ["application.leader.name"] = "王工",
                ["application.leader.title"] = "senior",
                ["application.contract.counterpartyKind"] = "university",
                ["project.contract.counterparty"] = "南华大学",
                ["application.contract.type"] = "licensing",
                ["application.contract.amount"] = "800000",
                ["application.contract.paid"] = "200000",
                ["application.contract.signedOn"] = "2025-01-10",
                ["application.contract.effectiveOn"] = "2025-01-10",
                ["application.contract.endsOn"] = "2027-01-09",
                ["application.contract.registered"] = "true",
                ["application.contract.relatedParty"] = "false",
                ["application.achievement.mainContributors.total"] = "5",
                ["application.achievement.mainContributors.academic"] = "2",
            }),
            Submitted(db, guide, call, zhiheng, leader, ActorRole.ProjectLeader, "iur-cooperation", now, iurDocuments, [certificate], new()
            {
                ["project.title"] = "智能衡器物联网平台产学研合作",
                ["application.field"] = "电子信息",
                ["application.tier"] = "general",
                ["application.leader.name"] = "王工",
                ["application.leader.title"] = "intermediate",
                ["application.contract.counterpartyKind"] = "university",
                ["project.contract.counterparty"] = "湖南工学院",
                ["application.contract.type"] = "development",
                ["application.contract.amount"] = "600000",
                ["application.contract.paid"] = "150000",
                ["application.contract.signedOn"] = Day(-3),
                ["application.contract.effectiveOn"] = Day(-3),
                ["application.contract.endsOn"] = Day(21),
                ["application.contract.registered"] = "true",
                ["application.contract.relatedParty"] = "false",
                ["narrative.summary"] = "与湖南工学院合作开发智能衡器物联网数据平台。",
                ["narrative.budget.total"] = "1200000",
                ["narrative.budget.requested"] = "300000",
                ["narrative.team"] = "王工（项目负责人）等6人",
            }),
            Draft(guide, call, hynu, users["hynu-admin"], ActorRole.OrgAdmin, "basic-research", now, new()
            {
                ["project.title"] = "功能金属有机框架材料的可控合成与性能研究",
                ["application.field"] = "新材料",
                ["application.leader.name"] = "刘教授",
                ["application.leader.title"] = "senior",
                ["application.platformId"] = "lab",
            }));
        AddLifecycle(db, guide, call, hynu, users, now);
        await db.SaveChangesAsync(ct);
        await AddExpertReviewAsync(db, guide, call, users, now, ct);
        await WriteTrailAsync(db, guide, call, users, now, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// The audit trail of everything the demo data stands for, read back from what was written: the call set up, each
    /// organisation registered and activated, accounts opened, profiles filled, files uploaded, applications made,
    /// filled and submitted, each person signing in before they first act. In order of time, as it would have been.
    /// </summary>
    private static async Task WriteTrailAsync(AppDbContext db, Guide guide, FundingCall call, Dictionary<string, User> users, DateTimeOffset now, CancellationToken ct)
    {
        var roleOf = Accounts.ToDictionary(a => a.UserName, a => a.Role);
        var byName = users.Values.ToDictionary(u => u.DisplayName);
        var byId = users.Values.ToDictionary(u => u.Id);
        var rows = new List<AuditEntry>();
        string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        void Add(DateTimeOffset at, User? who, AuditAction action, string objectType, string objectId, string details) => rows.Add(new AuditEntry
        {
            At = at, UserId = who?.Id, UserName = who?.UserName, Role = who is null ? null : roleOf[who.UserName!], OrganisationId = who?.OrganisationId,
            ClientAddress = "127.0.0.1", Action = action, ObjectType = objectType, ObjectId = objectId, Outcome = AuditOutcome.Success, Details = details,
        });

        var opened = now.AddDays(-22);
        foreach (var admin in new[] { "sysadmin", "auditadmin", "secadmin" })
            Add(opened, null, AuditAction.AccountCreated, AuditEntry.Objects.User, users[admin].Id, $"系统初始化：{Roles.Labels[roleOf[admin]]} {admin}");
        foreach (var official in new[] { "bureau-officer", "gaoxin-recommender", "zhuhui-recommender" })
            Add(opened.AddHours(1), users["sysadmin"], AuditAction.AccountCreated, AuditEntry.Objects.User, users[official].Id, $"{Roles.Labels[roleOf[official]]} {official}");
        await AddExpertTrailAsync(db, users, Add, opened.AddHours(2), ct);
        Add(now.AddDays(-21), users["bureau-officer"], AuditAction.CallChange, AuditEntry.Objects.Call, Id(call.Id), $"发布批次“{call.Title}”（指南 {call.GuideId}），截止 {ChinaTime.Describe(call.Deadline)}");

        foreach (var organisation in await db.Organisations.AsNoTracking().ToListAsync(ct))
        {
            var admin = users.Values.FirstOrDefault(u => u.OrganisationId == organisation.Id && roleOf[u.UserName!] == Roles.OrgAdmin);
            Add(organisation.RegisteredAt, admin, AuditAction.Register, AuditEntry.Objects.Organisation, Id(organisation.Id), $"单位 {organisation.CreditCode}（{organisation.District}）");
            if (organisation.ActivatedAt is { } activated)
            {
                var recommender = users.Values.Single(u => u.District == organisation.District);
                Add(activated, recommender, AuditAction.Activate, AuditEntry.Objects.Organisation, Id(organisation.Id), $"{organisation.Name}（{organisation.CreditCode}）");
                if (organisation.ProfileJson != "{}" && admin is not null)
                {
                    var groups = System.Text.Json.Nodes.JsonNode.Parse(organisation.ProfileJson)!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).Select(guide.Facts.ProfileLabel);
                    Add(activated.AddHours(2), admin, AuditAction.ProfileChange, AuditEntry.Objects.Organisation, Id(organisation.Id), $"修改：{string.Join("、", groups)}");
                }
            }
        }
        foreach (var record in await db.TechSmeAssessments.AsNoTracking().ToListAsync(ct))
            Add(record.AssessedAt, byId[record.AssessedById], AuditAction.SelfAssessment, AuditEntry.Objects.Organisation, Id(record.OrganisationId), $"{record.Year}年度：{record.Conclusion()}");
        var leader = users["zhiheng-leader"];
        Add(now.AddDays(-19).AddHours(3), users["zhiheng-admin"], AuditAction.AccountCreated, AuditEntry.Objects.User, leader.Id, $"项目负责人 {leader.UserName}");

        var applications = await db.Applications.AsNoTracking().Include(a => a.Events).Include(a => a.Snapshots).ToListAsync(ct);
        foreach (var attachment in await db.Attachments.AsNoTracking().ToListAsync(ct))
        {
            var owner = applications.FirstOrDefault(a => a.Id == attachment.ApplicationId);
            Add(attachment.UploadedAt, byName[attachment.UploadedBy], AuditAction.Upload,
                owner is null ? AuditEntry.Objects.Organisation : AuditEntry.Objects.Application, owner?.Number ?? Id(attachment.OrganisationId),
                $"{(owner is null ? "证明材料" : "附件类型")} {attachment.Purpose}，文件“{attachment.FileName}”，{attachment.Size} 字节，SHA-256 {attachment.Sha256}");
        }
        foreach (var application in applications)
        {
            var form = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(application.FormJson) ?? [];
            foreach (var step in application.Events.OrderBy(e => e.At))
            {
                var who = byId[step.UserId];
                Add(step.At, who, AuditActions.Of(step.Action), AuditEntry.Objects.Application, application.Number, step.Action switch
                {
                    ApplicationAction.Submit => $"回执号 {application.Snapshots.FirstOrDefault()?.ReceiptNo ?? application.ReceiptNo}，摘要 {application.ContentHash}",
                    ApplicationAction.Create => $"{call.Title}，类别 {application.Category}",
                    _ => $"{Workflow.Label(step.From!.Value)} → {Workflow.Label(step.To)}" + (step.Reason is null ? "" : $"；理由：{step.Reason}")
                        + (step.Clauses is null ? "" : $"；依据：{string.Join("、", step.ClauseIds)}") + (step.InternalNote is null ? "" : "；另有内部备注"),
                });
                if (step.Action == ApplicationAction.Create)
                    Add(step.At.AddHours(1), who, AuditAction.Edit, AuditEntry.Objects.Application, application.Number,
                        $"修改 {form.Count} 项：{string.Join("、", form.Keys.Order(StringComparer.Ordinal).Select(guide.FindCategory(application.Category)!.LabelOf))}");
            }
        }

        if (call.PublicityStartsAt is { } published)
            Add(published, users["bureau-officer"], AuditAction.PublishList, AuditEntry.Objects.Call, Id(call.Id), $"公示期 {ChinaTime.Describe(published)} 至 {ChinaTime.Describe(call.PublicityEndsAt!.Value)}");
        foreach (var objection in await db.Objections.AsNoTracking().Include(o => o.Application).ToListAsync(ct))
            Add(objection.SubmittedAt, null, AuditAction.Objection, AuditEntry.Objects.Application, objection.Application.Number, "收到公示异议");

        // each person signs in a minute before the first thing they do
        foreach (var first in rows.Where(r => r.UserId is not null).GroupBy(r => r.UserId!).Select(g => g.MinBy(r => r.At)!).ToList())
            Add(first.At.AddMinutes(-1), byId[first.UserId!], AuditAction.SignIn, AuditEntry.Objects.User, first.UserId!, "演示数据");
        foreach (var row in rows.OrderBy(r => r.At)) db.Audit(row);
        await db.SaveChangesAsync(ct);
    }

    private static Application Draft(Guide guide, FundingCall call, Organisation organisation, User by, ActorRole role, string category, DateTimeOffset now, Dictionary<string, string> form)
    {
        var created = now.AddDays(-3);
        var step = (Decision.Allowed)Workflow.Decide(null, ApplicationAction.Create, role, call.OpensAt, call.Window);
        var application = new Application
        {
            Number = Submission.Number(call.GuideId, ++call.ApplicationsNumbered),
            Call = call, OrganisationId = organisation.Id, District = organisation.District, Category = category,
            // a draft was last worked on a few hours ago; a submitted one when it was submitted (the day before)
            Status = step.To, CreatedById = by.Id, CreatedAt = created, UpdatedAt = now.AddHours(-3),
            Events = [ApplicationEvent.Of(step, by.Id, role, by.DisplayName, created)],
        };
        application.SetForm(guide.FindCategory(category)!, form);
        return application;
    }

    /// <summary>A submitted application with its snapshot, judged by the engine as the submission page would.</summary>
    private static Application Submitted(AppDbContext db, Guide guide, FundingCall call, Organisation organisation, User by, ActorRole role, string category, DateTimeOffset now,
        List<Attachment> attachments, IReadOnlyList<Attachment> proofs, Dictionary<string, string> form)
    {
        var application = Draft(guide, call, organisation, by, role, category, now, form);
        application.Attachments = attachments;
        var at = now.AddDays(-1);
        var step = (Decision.Allowed)Workflow.Decide(application.Status, ApplicationAction.Submit, role, at, call.Window);
        var asOf = ChinaTime.DateOf(at);
        // the demo's organisations are all registered in the city
        var identity = new Applicant { Name = organisation.Name, CreditCode = organisation.CreditCode, Kind = organisation.Kind, InHengyang = true };
        using var profile = JsonDocument.Parse(organisation.ProfileJson);
        var judgement = ApplicationDocument.Judge(guide, guide.FindCategory(category)!, RequestReader.ReadProfile(profile.RootElement, identity, guide.Facts),
            form, attachments.Select(a => a.Purpose), 0, asOf);
        var receipt = Submission.ReceiptNo(application.Number, 1);
        var files = attachments.Concat(proofs).Select(a => new FileRef(a.Purpose, a.FileName, a.Sha256, a.Size));
        // each warned rule justified, as the submission page requires
        var justifications = judgement.Verdict.Rules.Where(r => r.Outcome == Outcome.Warn).ToDictionary(r => r.RuleId, _ => "演示数据：已在申报书中说明理由。");
        application.JustificationsJson = JsonSerializer.Serialize(justifications, CheckJson.Options);
        var snapshot = Snapshot.Take(receipt, application.Number, by.Id, at, guide, judgement, form, justifications, files);
        var stored = SubmissionSnapshot.From(snapshot);
        application.Status = step.To;
        application.SubmittedAt = at;
        application.UpdatedAt = at;
        application.ContentHash = stored.Hash;
        application.ReceiptNo = receipt;
        application.Version = 1;
        application.Snapshots.Add(stored);
        application.Events.Add(ApplicationEvent.Of(step, by.Id, role, by.DisplayName, at, $"回执号 {receipt}"));
        SubmissionIndex.Stage(db, application, guide.FindCategory(category)!, form, judgement.Verdict);
        return application;
    }

    /// <summary>
    /// The company's 科技型中小企业自评 for the guide's year, as its administrator would record it on the 自评 page (the
    /// evaluation run on its profile), with the proof of its research institution and its 入库登记编号 with proof.
    /// </summary>
    private static async Task AssessTechSmeAsync(AppDbContext db, Shenbao.Domain.TechSme.Standard standard, int year, Organisation organisation, User admin, DateTimeOffset at, string filesRoot, CancellationToken ct)
    {
        var profile = (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(organisation.ProfileJson)!;
        var read = Shenbao.Domain.TechSme.TechSmeContract.ReadProfile(profile, ChinaTime.DateOf(at), year, standard);
        var facts = read.Facts ?? throw new InvalidOperationException("The demo profile does not read as a self-assessment: " + string.Join("; ", read.Errors));
        db.TechSmeAssessments.Add(TechSmeAssessments.Record(organisation, standard, facts, Shenbao.Domain.TechSme.Evaluation.Assess(standard, facts), admin.Id, admin.DisplayName, at));
        organisation.TechSmeNumber = $"{year}4304080A000123";
        organisation.TechSmeNumberYear = year;
        db.Attachments.Add(await DemoFileAsync(filesRoot, organisation, TechSmeAssessments.ProofPurpose("rd-institution"), "省级工程技术研究中心认定文件.pdf", admin, at, ct));
        db.Attachments.Add(await DemoFileAsync(filesRoot, organisation, TechSmeAssessments.RegistrationProof, "科技型中小企业入库登记证明.pdf", admin, at.AddDays(1), ct));
    }

    /// <summary>A one-page PDF standing for a demo document, stored like an upload.</summary>
    private static async Task<Attachment> DemoFileAsync(string filesRoot, Organisation organisation, string purpose, string fileName, User by, DateTimeOffset at, CancellationToken ct)
    {
        var content = System.Text.Encoding.UTF8.GetBytes($"%PDF-1.4\n% 演示文件：{organisation.Name}《{Path.GetFileNameWithoutExtension(fileName)}》\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
        var sha = await StoredFiles.WriteAsync(filesRoot, content, ct);
        return new Attachment
        {
            OrganisationId = organisation.Id, Purpose = purpose, FileName = fileName, ContentType = "application/pdf",
            Size = content.Length, Sha256 = sha, UploadedAt = at, UploadedBy = by.DisplayName,
        };
    }

    private const string EnterpriseProfile = """
        {"employees":186,"highTech":{"certified":true,"certificateNo":"GR202443000321","validTo":"2027-11-30"},
         "residentInChina":true,"restrictedIndustry":false,"integrityIncident":false,"techStaff":52,
         "ip":{"class1":2,"class2":5},"nationalAwardTop3":false,"provincialRdInstitution":true,"ledStandard":false,
         "finance":{"2022":{"output":15000000,"revenue":14000000,"tax":600000},"2023":{"output":18000000,"revenue":17500000,"tax":650000},"2024":{"output":22000000,"revenue":21000000,"tax":820000,"assets":45000000,"rdExpense":1260000,"costs":17800000}},
         "iurSpending":{"2022":200000,"2023":450000,"2024":600000},
         "majorProjectSubsidies":[{"year":2022}],
         "platforms":[{"id":"erc","name":"湖南省智能衡器工程技术研究中心","type":"engineering-research-center","level":"provincial"}],
         "ipDispute":false}
        """;

    private const string UniversityProfile = """
        {"platforms":[{"id":"lab","name":"湖南省功能金属有机材料重点实验室","type":"key-lab","level":"provincial"}]}
        """;
}
