using static Shenbao.Tests.Web.Authorisation.Access;

namespace Shenbao.Tests.Web.Authorisation;

/// <summary>
/// One request to one endpoint of the app (its method, page and handler, as "POST /Applications/Details?handler=Withdraw"),
/// on one resource in one state, with the expected answer for every actor. Placeholders in braces are the demo's
/// things, found in the database (<see cref="MatrixApp.Resources"/>). A GET is sent by every actor; a post is sent
/// without its antiforgery token by those it admits (400, nothing changed) and with a valid token by the others, who
/// must be refused before anything changes.
/// </summary>
public sealed record Row(string Endpoint, string Path, Access Access, string Case = "", IReadOnlyDictionary<string, string>? Form = null, string? Json = null)
{
    public string Method => Endpoint[..Endpoint.IndexOf(' ', StringComparison.Ordinal)];

    public string? Handler => Endpoint.IndexOf("?handler=", StringComparison.Ordinal) is var at and >= 0 ? Endpoint[(at + 9)..] : null;

    /// <summary>A post that changes nothing by design and so takes no antiforgery token (the error page, the JSON check).</summary>
    public bool Safe { get; init; }

    public string Name => Case.Length == 0 ? Endpoint : $"{Endpoint} [{Case}]";
}

/// <summary>The table: every endpoint the app maps has at least one row (AuthorisationMatrixTests fails otherwise).</summary>
public static class Matrix
{
    private static Row Get(string endpoint, string path, Access access, string @case = "") => new("GET " + endpoint, path, access, @case);

    private static Row Post(string endpoint, string path, Access access, string @case = "", IReadOnlyDictionary<string, string>? form = null) =>
        new("POST " + endpoint, path, access, @case, form);

    private static readonly Actor[] DraftOwners = OwnersA;

    public static readonly IReadOnlyList<Row> Rows =
    [
        // public pages
        Get("/Index", "/", Anyone()),
        Get("/Error", "/Error", Anyone()),
        Post("/Error", "/Error", Anyone(Outcome.Ok)) with { Safe = true },
        Get("/Guide/Index", "/Guide", Anyone(Outcome.Redirect)),
        Get("/Guide/Show", "/Guide/{guide}", Anyone()),
        Get("/SelfCheck/Index", "/SelfCheck", Anyone()),
        Post("/SelfCheck/Index", "/SelfCheck", Anyone()),
        Get("/OpenApi/Index", "/OpenApi", Anyone()),
        Get("/Publicity/Index", "/Publicity", Anyone()),
        Post("/Publicity/Index", "/Publicity", Anyone()),
        Get("/Receipts/Verify", "/Receipts/Verify", Anyone()),

        // the account pages a visitor needs
        Get("/Account/Login", "/Account/Login", Anyone()),
        Post("/Account/Login", "/Account/Login", Anyone()),
        Get("/Account/Register", "/Account/Register", Anyone()),
        Post("/Account/Register", "/Account/Register", Anyone()),
        Get("/Account/Registered", "/Account/Registered", Anyone()),
        Get("/Account/ForgotPassword", "/Account/ForgotPassword", Anyone()),
        Post("/Account/ForgotPassword", "/Account/ForgotPassword", Anyone()),
        Get("/Account/ResetPassword", "/Account/ResetPassword", Anyone()),
        Post("/Account/ResetPassword", "/Account/ResetPassword", Anyone()),
        // the denial page says so with its status: 403 for whoever lands on it
        Get("/Account/Denied", "/Account/Denied", Anyone(Outcome.Denied)),
        Get("/Account/Logout", "/Account/Logout", Anyone()),
        Post("/Account/Logout", "/Account/Logout", Anyone()),
        // the second factor's page needs the five-minute cookie of a password just accepted: without it, back to sign-in
        Get("/Account/SecondFactor", "/Account/SecondFactor", Anyone(Outcome.Login)),
        Post("/Account/SecondFactor?handler=Code", "/Account/SecondFactor", Anyone()),
        Post("/Account/SecondFactor?handler=Recovery", "/Account/SecondFactor", Anyone()),

        // a signed-in person's own things
        Get("/Account/ChangePassword", "/Account/ChangePassword", SignedIn()),
        Post("/Account/ChangePassword", "/Account/ChangePassword", SignedIn()),
        Get("/Inbox/Index", "/Inbox", SignedIn()),
        Post("/Inbox/Index?handler=Read", "/Inbox", Owned(SignedInActors, [Actor.Bureau]), "the bureau's notice", new Dictionary<string, string> { ["id"] = "{noticeOfBureau}" }),
        Post("/Inbox/Index?handler=ReadAll", "/Inbox", SignedIn()),

        // the applicant's organisation
        Get("/Account/Registration", "/Account/Registration", Only(OrgAdmins)),
        Post("/Account/Registration", "/Account/Registration", Only(OrgAdmins)),
        Get("/Organisation/Profile", "/Organisation/Profile", Only(Applicants)),
        // the 项目负责人 reads the profile; only the organisation's administrator changes it
        Post("/Organisation/Profile", "/Organisation/Profile", Only(Applicants).With(Actor.ApplicantA, Outcome.Denied)),
        Post("/Organisation/Profile?handler=Upload", "/Organisation/Profile", Only(Applicants).With(Actor.ApplicantA, Outcome.Denied)),
        Post("/Organisation/Profile?handler=Remove", "/Organisation/Profile", Owned(Applicants, [Actor.OrgAdminA]).With(Actor.ApplicantA, Outcome.Denied), "衡阳智衡's proof", new Dictionary<string, string> { ["proofId"] = "{proofA}" }),
        Get("/Organisation/Finder", "/Organisation/Finder", Only(Applicants)),
        Get("/Organisation/TechSme", "/Organisation/TechSme", Only(Applicants)),
        // the self-assessment is an enterprise's, by its administrator: not a 项目负责人's, not a university's
        Post("/Organisation/TechSme", "/Organisation/TechSme", Owned(Applicants, [Actor.OrgAdminA]).With(Actor.ApplicantA, Outcome.Denied).With(Actor.ApplicantB, Outcome.Denied)),
        Post("/Organisation/TechSme?handler=Record", "/Organisation/TechSme", Owned(Applicants, [Actor.OrgAdminA]).With(Actor.ApplicantA, Outcome.Denied).With(Actor.ApplicantB, Outcome.Denied)),
        Get("/Organisation/Users", "/Organisation/Users", Only(OrgAdmins)),
        Post("/Organisation/Users", "/Organisation/Users", Only(OrgAdmins)),

        // applications, by their owners
        Get("/Applications/Index", "/Applications", Only(Applicants)),
        Get("/Applications/Create", "/Applications/Create", Only(Applicants)),
        Post("/Applications/Create", "/Applications/Create", Only(Applicants)),
        Get("/Applications/Details", "/Applications/Details/{draftA}", Owned(Applicants, DraftOwners), "A's draft"),
        Get("/Applications/Details", "/Applications/Details/{submittedB}", Owned(Applicants, [Actor.ApplicantB]), "B's submitted"),
        Get("/Applications/Details?handler=Pdf", "/Applications/Details/{submittedA}", Owned(Applicants, OwnersA), "A's submitted"),
        Post("/Applications/Details?handler=Withdraw", "/Applications/Details/{submittedA}", Owned(Applicants, OwnersA), "A's submitted"),
        Post("/Applications/Details?handler=Abandon", "/Applications/Details/{submittedA}", Owned(Applicants, OwnersA), "A's submitted"),
        Get("/Applications/Edit", "/Applications/Edit/{draftA}", Owned(Applicants, DraftOwners), "A's draft"),
        // once submitted the editor sends its owners to the application's page: the frozen text is not edited
        Get("/Applications/Edit", "/Applications/Edit/{submittedA}", Owned(Applicants, OwnersA, Outcome.Redirect), "A's submitted"),
        Post("/Applications/Edit?handler=Save", "/Applications/Edit/{draftA}", Owned(Applicants, DraftOwners), "A's draft"),
        Post("/Applications/Edit?handler=Autosave", "/Applications/Edit/{draftA}", Owned(Applicants, DraftOwners), "A's draft"),
        Post("/Applications/Edit?handler=Upload", "/Applications/Edit/{draftA}", Owned(Applicants, DraftOwners), "A's draft", new Dictionary<string, string> { ["purpose"] = "tech-contract" }),
        Post("/Applications/Edit?handler=RemoveAttachment", "/Applications/Edit/{draftA}", Owned(Applicants, DraftOwners), "A's draft", new Dictionary<string, string> { ["attachmentId"] = "{fileA}" }),
        Get("/Applications/Submit", "/Applications/Submit/{draftA}", Owned(Applicants, DraftOwners), "A's draft"),
        Post("/Applications/Submit", "/Applications/Submit/{draftA}", Owned(Applicants, DraftOwners), "A's draft"),

        // stored files, each within what its reader reviews
        Get("/Files/Download", "/Files/{fileA}", Owned(FileReaders, [.. OwnersA, Actor.RecommenderOwn, Actor.Bureau]), "A's submitted application's file"),
        Get("/Files/Download", "/Files/{proofA}", Owned(FileReaders, [.. OwnersA, Actor.RecommenderOwn, Actor.Bureau]), "A's organisation's proof"),

        // 推荐单位: their district's organisations and submitted applications
        Get("/Recommender/Applications", "/Recommender/Applications?call={call}", Only(Recommenders)),
        Get("/Recommender/Applications?handler=Export", "/Recommender/Applications?call={call}", Only(Recommenders)),
        Post("/Recommender/Applications?handler=Batch", "/Recommender/Applications", Only(Recommenders), form: new Dictionary<string, string> { ["call"] = "{call}" }),
        Get("/Recommender/Organisations", "/Recommender/Organisations", Only(Recommenders)),
        Post("/Recommender/Organisations?handler=Activate", "/Recommender/Organisations", Owned(Recommenders, [Actor.RecommenderOwn]), "高新区's pending organisation", new Dictionary<string, string> { ["id"] = "{pendingOrganisation}" }),
        Post("/Recommender/Organisations?handler=Return", "/Recommender/Organisations", Owned(Recommenders, [Actor.RecommenderOwn]), "高新区's pending organisation", new Dictionary<string, string> { ["id"] = "{pendingOrganisation}", ["reason"] = "材料不全" }),
        Get("/Recommender/Review", "/Recommender/Review/{submittedA}", Owned(Recommenders, [Actor.RecommenderOwn]), "A's submitted (高新区)"),
        Get("/Recommender/Review", "/Recommender/Review/{submittedB}", Owned(Recommenders, [Actor.RecommenderOther]), "B's submitted (珠晖区)"),
        // a draft is the applicant's own: not even its district's 推荐单位 sees it
        Get("/Recommender/Review", "/Recommender/Review/{draftA}", Owned(Recommenders, []), "A's draft"),
        Get("/Recommender/Review?handler=Pdf", "/Recommender/Review/{submittedA}", Owned(Recommenders, [Actor.RecommenderOwn]), "A's submitted (高新区)"),
        Post("/Recommender/Review", "/Recommender/Review/{submittedA}", Owned(Recommenders, [Actor.RecommenderOwn]), "A's submitted (高新区)", new Dictionary<string, string> { ["answer"] = "Recommend" }),

        // 市科技局
        Get("/Bureau/Applications", "/Bureau/Applications", Only(Actor.Bureau)),
        Get("/Bureau/Applications?handler=Export", "/Bureau/Applications?call={call}", Only(Actor.Bureau)),
        Post("/Bureau/Applications?handler=Batch", "/Bureau/Applications", Only(Actor.Bureau)),
        Get("/Bureau/Review", "/Bureau/Review/{recommendedB}", Only(Actor.Bureau), "recommended"),
        Get("/Bureau/Review", "/Bureau/Review/{draftA}", Owned([Actor.Bureau], []), "A's draft"),
        Get("/Bureau/Review?handler=Pdf", "/Bureau/Review/{recommendedB}", Only(Actor.Bureau), "recommended"),
        Post("/Bureau/Review", "/Bureau/Review/{recommendedB}", Only(Actor.Bureau), "recommended", new Dictionary<string, string> { ["answer"] = "Accept" }),
        Get("/Bureau/Assign", "/Bureau/Assign?call={call}", Only(Actor.Bureau)),
        Post("/Bureau/Assign?handler=Run", "/Bureau/Assign", Only(Actor.Bureau), form: new Dictionary<string, string> { ["call"] = "{call}" }),
        Post("/Bureau/Assign?handler=Deadline", "/Bureau/Assign", Only(Actor.Bureau), form: new Dictionary<string, string> { ["call"] = "{call}" }),
        Post("/Bureau/Assign?handler=ByHand", "/Bureau/Assign", Only(Actor.Bureau), form: new Dictionary<string, string> { ["call"] = "{call}", ["id"] = "{reviewB}" }),
        Post("/Bureau/Assign?handler=Reopen", "/Bureau/Assign", Only(Actor.Bureau), form: new Dictionary<string, string> { ["call"] = "{call}", ["review"] = "{submittedReview}" }),
        Get("/Bureau/Calls", "/Bureau/Calls", Only(Actor.Bureau)),
        Post("/Bureau/Calls?handler=Import", "/Bureau/Calls", Only(Actor.Bureau)),
        Post("/Bureau/Calls?handler=Create", "/Bureau/Calls", Only(Actor.Bureau)),
        Post("/Bureau/Calls?handler=Publish", "/Bureau/Calls", Only(Actor.Bureau), form: new Dictionary<string, string> { ["call"] = "{call}" }),
        Post("/Bureau/Calls?handler=Deadlines", "/Bureau/Calls", Only(Actor.Bureau), form: new Dictionary<string, string> { ["call"] = "{call}" }),
        Get("/Bureau/Decision", "/Bureau/Decision?call={call}", Only(Actor.Bureau)),
        Post("/Bureau/Decision?handler=Propose", "/Bureau/Decision", Only(Actor.Bureau), form: new Dictionary<string, string> { ["call"] = "{call}", ["id"] = "{reviewedB}", ["amount"] = "100000" }),
        Post("/Bureau/Decision?handler=Decline", "/Bureau/Decision", Only(Actor.Bureau), form: new Dictionary<string, string> { ["call"] = "{call}", ["id"] = "{reviewedB}", ["reason"] = "排名靠后" }),
        Post("/Bureau/Decision?handler=Publish", "/Bureau/Decision", Only(Actor.Bureau), form: new Dictionary<string, string> { ["call"] = "{call}", ["days"] = "5" }),
        Post("/Bureau/Decision?handler=Approve", "/Bureau/Decision", Only(Actor.Bureau), form: new Dictionary<string, string> { ["call"] = "{call}" }),
        Post("/Bureau/Decision?handler=Answer", "/Bureau/Decision", Only(Actor.Bureau), form: new Dictionary<string, string> { ["call"] = "{call}", ["objection"] = "{objection}", ["answer"] = "已核实" }),
        Get("/Bureau/Decision?handler=Export", "/Bureau/Decision?call={call}", Only(Actor.Bureau)),
        Get("/Bureau/Decision?handler=Objections", "/Bureau/Decision?call={call}", Only(Actor.Bureau)),
        Get("/Bureau/Experts", "/Bureau/Experts", Only(Actor.Bureau)),
        Post("/Bureau/Experts?handler=Import", "/Bureau/Experts", Only(Actor.Bureau)),
        Get("/Bureau/Experts?handler=Export", "/Bureau/Experts", Only(Actor.Bureau)),
        Post("/Bureau/Experts?handler=Reveal", "/Bureau/Experts", Only(Actor.Bureau), form: new Dictionary<string, string> { ["id"] = "{expertUnassigned}" }),
        Post("/Bureau/Experts?handler=Active", "/Bureau/Experts", Only(Actor.Bureau), form: new Dictionary<string, string> { ["id"] = "{expertUnassigned}", ["active"] = "false" }),
        Post("/Bureau/Experts?handler=Edit", "/Bureau/Experts", Only(Actor.Bureau), form: new Dictionary<string, string> { ["id"] = "{expertUnassigned}", ["name"] = "改名" }),
        Get("/Bureau/GuideDiff", "/Bureau/GuideDiff", Only(Actor.Bureau)),
        Post("/Bureau/GuideDiff", "/Bureau/GuideDiff", Only(Actor.Bureau)),
        Get("/Bureau/Lists", "/Bureau/Lists", Only(Actor.Bureau)),
        Post("/Bureau/Lists", "/Bureau/Lists", Only(Actor.Bureau)),
        Get("/Bureau/Quotas", "/Bureau/Quotas?call={call}", Only(Actor.Bureau)),
        Post("/Bureau/Quotas", "/Bureau/Quotas?call={call}", Only(Actor.Bureau)),
        Get("/Bureau/Ranking", "/Bureau/Ranking?call={call}", Only(Actor.Bureau)),
        Post("/Bureau/Ranking?handler=Finish", "/Bureau/Ranking", Only(Actor.Bureau), form: new Dictionary<string, string> { ["call"] = "{call}" }),
        Post("/Bureau/Ranking?handler=FinishOne", "/Bureau/Ranking", Only(Actor.Bureau), form: new Dictionary<string, string> { ["call"] = "{call}", ["id"] = "{reviewB}" }),
        Get("/Bureau/Ranking?handler=Export", "/Bureau/Ranking?call={call}", Only(Actor.Bureau)),
        Get("/Bureau/Statistics", "/Bureau/Statistics", Only(Actor.Bureau)),
        Get("/Bureau/Statistics?handler=Export", "/Bureau/Statistics", Only(Actor.Bureau)),
        Get("/Bureau/WhatIf", "/Bureau/WhatIf", Only(Actor.Bureau)),
        Post("/Bureau/WhatIf", "/Bureau/WhatIf", Only(Actor.Bureau)),
        // a run's progress and its export are of one run: a job id no run has is answered 404, to the bureau too
        Get("/Bureau/WhatIf?handler=Progress", "/Bureau/WhatIf?job=00000000-0000-0000-0000-000000000001", Owned([Actor.Bureau], []), "no such run"),
        Get("/Bureau/WhatIf?handler=Export", "/Bureau/WhatIf?job=00000000-0000-0000-0000-000000000001", Owned([Actor.Bureau], []), "no such run"),

        // experts: their own assignments only
        Get("/Reviewing/Index", "/Expert", Only(ExpertActors)),
        Get("/Reviewing/Review", "/Expert/Review/{reviewB}", Owned(ExpertActors, [Actor.ExpertAssigned]), "in expert review"),
        // an application not in expert review is no expert's, even one assigned to others of its call
        Get("/Reviewing/Review", "/Expert/Review/{submittedB}", Owned(ExpertActors, []), "submitted, not in review"),
        Post("/Reviewing/Review?handler=Declare", "/Expert/Review/{reviewB}", Owned(ExpertActors, [Actor.ExpertAssigned]), "in expert review", new Dictionary<string, string> { ["conflict"] = "none", ["certify"] = "true" }),
        Post("/Reviewing/Review?handler=Score", "/Expert/Review/{reviewB}", Owned(ExpertActors, [Actor.ExpertAssigned]), "in expert review", new Dictionary<string, string> { ["opinion"] = "同意" }),

        // 三员分立: each administrator's page its own
        Get("/Admin/Users", "/Admin/Users", Only(Actor.SystemAdmin)),
        Post("/Admin/Users?handler=Create", "/Admin/Users", Only(Actor.SystemAdmin)),
        Post("/Admin/Users?handler=Disable", "/Admin/Users", Only(Actor.SystemAdmin), form: new Dictionary<string, string> { ["id"] = "{bureauUser}" }),
        Post("/Admin/Users?handler=Enable", "/Admin/Users", Only(Actor.SystemAdmin), form: new Dictionary<string, string> { ["id"] = "{bureauUser}" }),
        Get("/Admin/Roles", "/Admin/Roles", Only(Actor.SecurityAdmin)),
        Post("/Admin/Roles?handler=Grant", "/Admin/Roles", Only(Actor.SecurityAdmin), form: new Dictionary<string, string> { ["id"] = "{bureauUser}", ["role"] = Shenbao.Data.Roles.Expert }),
        Post("/Admin/Roles?handler=Revoke", "/Admin/Roles", Only(Actor.SecurityAdmin), form: new Dictionary<string, string> { ["id"] = "{bureauUser}", ["role"] = Shenbao.Data.Roles.Bureau }),
        Post("/Admin/Roles?handler=ResetSecondFactor", "/Admin/Roles", Only(Actor.SecurityAdmin), form: new Dictionary<string, string> { ["id"] = "{bureauUser}" }),
        Get("/Admin/Settings", "/Admin/Settings", Only(Actor.SystemAdmin)),
        Post("/Admin/Settings", "/Admin/Settings", Only(Actor.SystemAdmin), form: new Dictionary<string, string> { ["Input.Notice"] = "矩阵测试公告", ["Version"] = "0" }),
        Get("/Admin/Policies", "/Admin/Policies", Only(Actor.SecurityAdmin)),
        Post("/Admin/Policies", "/Admin/Policies", Only(Actor.SecurityAdmin), form: new Dictionary<string, string> { ["figure[MinimumLength]"] = "12", ["version"] = "0" }),
        Get("/Audit/Index", "/Audit", Only(Actor.AuditAdmin)),
        Post("/Audit/Index?handler=Export", "/Audit", Only(Actor.AuditAdmin)),

        // the interfaces: public by declaration
        new("GET /api/guides/", "/api/guides", Anyone()),
        new("GET /api/guides/{id}", "/api/guides/{guide}", Anyone()),
        new("POST /api/eligibility/check", "/api/eligibility/check", Anyone(), Json: "{request}") { Safe = true },
        new("GET /openapi/{documentName}.json", "/openapi/v1.json", Anyone()),
        // what a load balancer and a monitor ask
        new("GET /healthz", "/healthz", Anyone()),
        new("GET /readyz", "/readyz", Anyone()),
    ];
}
