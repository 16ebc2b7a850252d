namespace Shenbao.Tests.Web.Authorisation;

/// <summary>Who asks: every role of the system, and for the roles that own things, one who owns and one who does not.</summary>
public enum Actor
{
    Anonymous,
    /// <summary>衡阳智衡's 项目负责人, who made its applications.</summary>
    ApplicantA,
    /// <summary>衡阳师范学院's administrator: an applicant of another organisation (and that organisation's own administrator).</summary>
    ApplicantB,
    /// <summary>衡阳智衡's administrator.</summary>
    OrgAdminA,
    /// <summary>高新区科技局, the 推荐单位 of 衡阳智衡's district.</summary>
    RecommenderOwn,
    /// <summary>珠晖区科技局, the 推荐单位 of another district (衡阳师范学院's).</summary>
    RecommenderOther,
    Bureau,
    /// <summary>An expert standing on the application in expert review (declared no conflict).</summary>
    ExpertAssigned,
    /// <summary>An expert with no assignment on it.</summary>
    ExpertUnassigned,
    SystemAdmin,
    AuditAdmin,
    SecurityAdmin,
}

/// <summary>What an answer means for access, whatever page gave it.</summary>
public enum Outcome
{
    /// <summary>200: the page, file or answer itself.</summary>
    Ok,
    /// <summary>A redirect to a page other than sign-in or denial (the page sends the person on).</summary>
    Redirect,
    /// <summary>Asked to sign in: a redirect to the sign-in page, or 401 under /api.</summary>
    Login,
    /// <summary>Refused for the role: a redirect to the denial page, or 403.</summary>
    Denied,
    /// <summary>404: someone else's thing is answered like one that does not exist.</summary>
    NotFound,
    /// <summary>400: what a state-changing post without its antiforgery token gets.</summary>
    BadRequest,
}

/// <summary>
/// The expected answer for every actor on one request: who may (and what they get), who is asked to sign in, who is
/// refused for the role, and who is in the role but not the owner (404).
/// </summary>
public sealed record Access(IReadOnlySet<Actor> Members, IReadOnlySet<Actor> Owners, Outcome Allowed, IReadOnlyDictionary<Actor, Outcome> Exceptions)
{
    public static readonly Actor[] All = Enum.GetValues<Actor>();
    public static readonly Actor[] Applicants = [Actor.ApplicantA, Actor.ApplicantB, Actor.OrgAdminA];
    public static readonly Actor[] OwnersA = [Actor.ApplicantA, Actor.OrgAdminA];
    public static readonly Actor[] OrgAdmins = [Actor.OrgAdminA, Actor.ApplicantB];
    public static readonly Actor[] Recommenders = [Actor.RecommenderOwn, Actor.RecommenderOther];
    public static readonly Actor[] ExpertActors = [Actor.ExpertAssigned, Actor.ExpertUnassigned];
    public static readonly Actor[] SignedInActors = All.Where(a => a != Actor.Anonymous).ToArray();
    /// <summary>Who reads stored files (each within what they review): not the three administrators.</summary>
    public static readonly Actor[] FileReaders = [.. Applicants, .. Recommenders, Actor.Bureau, .. ExpertActors];

    /// <summary>Open to everyone, signed in or not.</summary>
    public static Access Anyone(Outcome allowed = Outcome.Ok) => new(All.ToHashSet(), All.ToHashSet(), allowed, new Dictionary<Actor, Outcome>());

    /// <summary>Anyone signed in, on their own things.</summary>
    public static Access SignedIn(Outcome allowed = Outcome.Ok) => Only(SignedInActors, allowed);

    /// <summary>The members of a role; there is nothing to own.</summary>
    public static Access Only(IEnumerable<Actor> members, Outcome allowed = Outcome.Ok) => Owned(members, members, allowed);

    public static Access Only(Actor member, Outcome allowed = Outcome.Ok) => Only([member], allowed);

    /// <summary>The members of a role, of whom only the owners reach the thing; the other members are told 404.</summary>
    public static Access Owned(IEnumerable<Actor> members, IEnumerable<Actor> owners, Outcome allowed = Outcome.Ok) =>
        new(members.ToHashSet(), owners.ToHashSet(), allowed, new Dictionary<Actor, Outcome>());

    /// <summary>One actor answered otherwise than the rule says (said where it is used, with why).</summary>
    public Access With(Actor actor, Outcome outcome) => this with { Exceptions = new Dictionary<Actor, Outcome>(Exceptions) { [actor] = outcome } };

    public bool Reaches(Actor actor) => Owners.Contains(actor) && !Exceptions.ContainsKey(actor);

    public Outcome Expected(Actor actor) =>
        Exceptions.TryGetValue(actor, out var exception) ? exception
        : Owners.Contains(actor) ? Allowed
        : Members.Contains(actor) ? Outcome.NotFound
        : actor == Actor.Anonymous ? Outcome.Login
        : Outcome.Denied;
}
