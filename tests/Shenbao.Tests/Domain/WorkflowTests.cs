using Shenbao.Domain.Applications;

namespace Shenbao.Tests.Domain;

/// <summary>
/// The transition table, edge by edge: every (status, action, role) combination inside the call's window, with the
/// expected answer written out here rather than read from the table; then the window's own edges.
/// </summary>
public sealed class WorkflowTests
{
    private static readonly DateTimeOffset Opens = new(2025, 6, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly CallWindow Call = new(Opens, Opens.AddDays(30), Opens.AddDays(40));
    private static readonly DateTimeOffset During = Opens.AddDays(10);

    private static readonly ActorRole[] Applicants = [ActorRole.OrgAdmin, ActorRole.ProjectLeader];
    private static readonly ActorRole[] Recommender = [ActorRole.Recommender];
    private static readonly ActorRole[] Bureau = [ActorRole.Bureau];
    private static readonly ActorRole[] Admin = [ActorRole.OrgAdmin];

    /// <summary>
    /// The legal moves, and only they: (from, action, roles) → to, for an application returned by the 推荐单位 where
    /// it matters. Everything else must be refused. Written out here, not read from the table.
    /// </summary>
    private static readonly (ApplicationStatus? From, ApplicationAction Action, ActorRole[] Roles, ApplicationStatus To)[] Legal =
    [
        (null, ApplicationAction.Create, Applicants, ApplicationStatus.Draft),
        (ApplicationStatus.Draft, ApplicationAction.Edit, Applicants, ApplicationStatus.Draft),
        (ApplicationStatus.Draft, ApplicationAction.Submit, Applicants, ApplicationStatus.Submitted),
        (ApplicationStatus.Submitted, ApplicationAction.Withdraw, Applicants, ApplicationStatus.Draft),
        (ApplicationStatus.Submitted, ApplicationAction.Recommend, Recommender, ApplicationStatus.Recommended),
        (ApplicationStatus.Submitted, ApplicationAction.NotRecommend, Recommender, ApplicationStatus.NotRecommended),
        (ApplicationStatus.Submitted, ApplicationAction.Return, Recommender, ApplicationStatus.Returned),
        (ApplicationStatus.Returned, ApplicationAction.Edit, Applicants, ApplicationStatus.Returned),
        (ApplicationStatus.Returned, ApplicationAction.Submit, Applicants, ApplicationStatus.Submitted),
        (ApplicationStatus.Recommended, ApplicationAction.Accept, Bureau, ApplicationStatus.Accepted),
        (ApplicationStatus.Recommended, ApplicationAction.Refuse, Bureau, ApplicationStatus.Refused),
        (ApplicationStatus.Recommended, ApplicationAction.Return, Bureau, ApplicationStatus.Returned),
        (ApplicationStatus.Accepted, ApplicationAction.StartReview, Bureau, ApplicationStatus.ExpertReview),
        (ApplicationStatus.ExpertReview, ApplicationAction.FinishReview, Bureau, ApplicationStatus.Reviewed),
        (ApplicationStatus.Reviewed, ApplicationAction.Propose, Bureau, ApplicationStatus.Proposed),
        (ApplicationStatus.Reviewed, ApplicationAction.Decline, Bureau, ApplicationStatus.Declined),
        (ApplicationStatus.Proposed, ApplicationAction.Publish, Bureau, ApplicationStatus.Publicity),
        (ApplicationStatus.Proposed, ApplicationAction.Decline, Bureau, ApplicationStatus.Declined),
        (ApplicationStatus.Publicity, ApplicationAction.Approve, Bureau, ApplicationStatus.Approved),
        (ApplicationStatus.Publicity, ApplicationAction.Decline, Bureau, ApplicationStatus.Declined),
        (ApplicationStatus.Draft, ApplicationAction.Abandon, Admin, ApplicationStatus.Withdrawn),
        (ApplicationStatus.Submitted, ApplicationAction.Abandon, Admin, ApplicationStatus.Withdrawn),
        (ApplicationStatus.Returned, ApplicationAction.Abandon, Admin, ApplicationStatus.Withdrawn),
        (ApplicationStatus.Recommended, ApplicationAction.Abandon, Admin, ApplicationStatus.Withdrawn),
        (ApplicationStatus.Accepted, ApplicationAction.Abandon, Admin, ApplicationStatus.Withdrawn),
        (ApplicationStatus.ExpertReview, ApplicationAction.Abandon, Admin, ApplicationStatus.Withdrawn),
        (ApplicationStatus.Reviewed, ApplicationAction.Abandon, Admin, ApplicationStatus.Withdrawn),
        (ApplicationStatus.Proposed, ApplicationAction.Abandon, Admin, ApplicationStatus.Withdrawn),
        (ApplicationStatus.Publicity, ApplicationAction.Abandon, Admin, ApplicationStatus.Withdrawn),
    ];

    /// <summary>Inside every window: the call open, recommendation open, the publicity period over (approval allowed).</summary>
    private static readonly CallWindow Published = Call with { PublicityEndsAt = During.AddDays(-1) };

    public static TheoryData<ApplicationStatus?, ApplicationAction, ActorRole> EveryCombination()
    {
        var data = new TheoryData<ApplicationStatus?, ApplicationAction, ActorRole>();
        foreach (var from in Enum.GetValues<ApplicationStatus>().Select(s => (ApplicationStatus?)s).Prepend(null))
            foreach (var action in Enum.GetValues<ApplicationAction>())
                foreach (var role in Enum.GetValues<ActorRole>())
                    data.Add(from, action, role);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Every_status_action_and_role_is_either_a_legal_move_or_refused_with_a_reason(ApplicationStatus? from, ApplicationAction action, ActorRole role)
    {
        var legal = Legal.Where(l => l.From == from && l.Action == action && l.Roles.Contains(role)).Select(l => (ApplicationStatus?)l.To).SingleOrDefault();

        var decision = Workflow.Decide(from, action, role, During, Published);

        if (legal is { } to)
        {
            var allowed = Assert.IsType<Decision.Allowed>(decision);
            Assert.Equal((action, from, to), (allowed.Action, allowed.From, allowed.To));
        }
        else
        {
            var refused = Assert.IsType<Decision.Refused>(decision);
            Assert.False(string.IsNullOrWhiteSpace(refused.Reason));
            Assert.DoesNotContain(action.ToString(), refused.Reason, StringComparison.Ordinal);   // Chinese, not the enum's name
        }
    }

    [Fact]
    public void A_returned_application_goes_back_to_whoever_returned_it()
    {
        var toRecommender = Assert.IsType<Decision.Allowed>(Workflow.Decide(ApplicationStatus.Returned, ApplicationAction.Submit, ActorRole.OrgAdmin, During, Call, returnedFrom: ApplicationStatus.Submitted));
        // the bureau's return is corrected after the recommendation deadline too, and goes straight back to formal review
        var afterDeadline = Call.RecommendationDeadline.AddDays(5);
        var toBureau = Assert.IsType<Decision.Allowed>(Workflow.Decide(ApplicationStatus.Returned, ApplicationAction.Submit, ActorRole.OrgAdmin, afterDeadline, Call, returnedFrom: ApplicationStatus.Recommended));

        Assert.Equal(ApplicationStatus.Submitted, toRecommender.To);
        Assert.Equal(ApplicationStatus.Recommended, toBureau.To);
        Assert.Equal("推荐已于2025年7月11日 00:00截止，退回的申报书不能再重新提交",
            Assert.IsType<Decision.Refused>(Workflow.Decide(ApplicationStatus.Returned, ApplicationAction.Submit, ActorRole.OrgAdmin, afterDeadline, Call, returnedFrom: ApplicationStatus.Submitted)).Reason);
        Assert.True(Workflow.CanEdit(ApplicationStatus.Returned, ActorRole.ProjectLeader, afterDeadline, Call));
    }

    [Theory]
    [InlineData(ApplicationAction.NotRecommend)]
    [InlineData(ApplicationAction.Return)]
    public void The_recommenders_other_answers_close_with_its_deadline(ApplicationAction action)
    {
        Assert.IsType<Decision.Allowed>(Workflow.Decide(ApplicationStatus.Submitted, action, ActorRole.Recommender, Call.RecommendationDeadline.AddTicks(-1), Call));
        Assert.Contains("推荐已于", Assert.IsType<Decision.Refused>(Workflow.Decide(ApplicationStatus.Submitted, action, ActorRole.Recommender, Call.RecommendationDeadline, Call)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Approval_waits_for_the_end_of_the_publicity_period()
    {
        var end = During.AddDays(7);
        var period = Call with { PublicityEndsAt = end };

        Assert.Equal("尚未公示，不能立项", Assert.IsType<Decision.Refused>(Workflow.Decide(ApplicationStatus.Publicity, ApplicationAction.Approve, ActorRole.Bureau, During, Call)).Reason);
        Assert.Contains("期满后才能立项", Assert.IsType<Decision.Refused>(Workflow.Decide(ApplicationStatus.Publicity, ApplicationAction.Approve, ActorRole.Bureau, end.AddTicks(-1), period)).Reason, StringComparison.Ordinal);
        Assert.IsType<Decision.Allowed>(Workflow.Decide(ApplicationStatus.Publicity, ApplicationAction.Approve, ActorRole.Bureau, end, period));
        // an objection upheld declines it during the period
        Assert.IsType<Decision.Allowed>(Workflow.Decide(ApplicationStatus.Publicity, ApplicationAction.Decline, ActorRole.Bureau, During, period));
    }

    [Theory]
    [InlineData(ActorRole.Recommender, ApplicationStatus.Recommended, ApplicationAction.Return, "推荐单位不能退回已推荐的申报书")]
    [InlineData(ActorRole.Bureau, ApplicationStatus.Submitted, ApplicationAction.Return, "市科技局不能退回已提交的申报书")]
    [InlineData(ActorRole.OrgAdmin, ApplicationStatus.Approved, ApplicationAction.Abandon, "当前状态（立项）不能放弃申报")]
    [InlineData(ActorRole.ProjectLeader, ApplicationStatus.Submitted, ApplicationAction.Abandon, "项目负责人不能放弃申报")]
    [InlineData(ActorRole.OrgAdmin, ApplicationStatus.Withdrawn, ApplicationAction.Submit, "当前状态（已放弃）不能提交")]
    public void A_move_from_the_wrong_status_or_by_the_wrong_side_says_which(ActorRole role, ApplicationStatus from, ApplicationAction action, string reason)
    {
        Assert.Equal(reason, Assert.IsType<Decision.Refused>(Workflow.Decide(from, action, role, During, Call)).Reason);
    }

    [Fact]
    public void The_actions_that_must_say_why_are_those_the_other_side_reads()
    {
        Assert.Equal(
            [ApplicationAction.Return, ApplicationAction.NotRecommend, ApplicationAction.Refuse, ApplicationAction.Decline, ApplicationAction.Abandon],
            Enum.GetValues<ApplicationAction>().Where(Workflow.NeedsReason));
    }

    [Fact]
    public void Every_status_has_the_id_the_cli_and_api_use_and_it_reads_back()
    {
        Assert.Equal(
            ["draft", "submitted", "recommended", "returned", "not-recommended", "accepted", "refused", "expert-review", "reviewed", "proposed", "publicity", "approved", "declined", "withdrawn"],
            Enum.GetValues<ApplicationStatus>().Select(Workflow.Id));
        Assert.All(Enum.GetValues<ApplicationStatus>(), s => Assert.Equal(s, Workflow.FromId(Workflow.Id(s))));
        Assert.Null(Workflow.FromId("Submitted"));
    }

    [Theory]
    [InlineData(ActorRole.Recommender, ApplicationAction.Submit, "推荐单位不能提交申报书")]
    [InlineData(ActorRole.Expert, ApplicationAction.Create, "评审专家不能创建申报书")]
    [InlineData(ActorRole.ProjectLeader, ApplicationAction.Recommend, "项目负责人不能推荐申报书")]
    public void A_role_that_does_not_perform_an_action_is_told_so(ActorRole role, ApplicationAction action, string reason)
    {
        Assert.Equal(reason, Assert.IsType<Decision.Refused>(Workflow.Decide(ApplicationStatus.Draft, action, role, During, Call)).Reason);
    }

    [Theory]
    [InlineData(ApplicationStatus.Submitted, "该申报书已提交，不能再修改；如需修改请先撤回")]
    [InlineData(ApplicationStatus.Recommended, "当前状态（已推荐）不能修改")]
    public void A_lodged_application_cannot_be_edited(ApplicationStatus status, string reason)
    {
        Assert.False(Workflow.CanEdit(status, ActorRole.OrgAdmin, During, Call));
        Assert.Equal(reason, Assert.IsType<Decision.Refused>(Workflow.Decide(status, ApplicationAction.Edit, ActorRole.OrgAdmin, During, Call)).Reason);
    }

    [Fact]
    public void Withdrawal_is_refused_once_recommended()
    {
        Assert.Equal("当前状态（已推荐）不能撤回",
            Assert.IsType<Decision.Refused>(Workflow.Decide(ApplicationStatus.Recommended, ApplicationAction.Withdraw, ActorRole.ProjectLeader, During, Call)).Reason);
    }

    [Theory]
    [InlineData(-1, false, "开始，尚不能")]     // a tick before the call opens
    [InlineData(0, true, null)]                // the opening instant itself
    public void Creating_and_submitting_open_with_the_call(long ticksFromOpening, bool allowed, string? reason)
    {
        var at = Opens.AddTicks(ticksFromOpening);
        foreach (var (from, action) in new (ApplicationStatus?, ApplicationAction)[] { (null, ApplicationAction.Create), (ApplicationStatus.Draft, ApplicationAction.Submit) })
        {
            var decision = Workflow.Decide(from, action, ActorRole.ProjectLeader, at, Call);
            Assert.Equal(allowed, decision is Decision.Allowed);
            if (reason is not null) Assert.Contains(reason, ((Decision.Refused)decision).Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(-1, true)]     // a tick before the deadline
    [InlineData(0, false)]     // the deadline itself has passed
    public void Creating_and_submitting_close_at_the_deadline_while_drafts_stay_editable(long ticksFromDeadline, bool allowed)
    {
        var at = Call.Deadline.AddTicks(ticksFromDeadline);

        var submit = Workflow.Decide(ApplicationStatus.Draft, ApplicationAction.Submit, ActorRole.OrgAdmin, at, Call);
        var create = Workflow.Decide(null, ApplicationAction.Create, ActorRole.OrgAdmin, at, Call);

        Assert.Equal(allowed, submit is Decision.Allowed);
        Assert.Equal(allowed, create is Decision.Allowed);
        if (!allowed) Assert.Equal("申报已于2025年7月1日 00:00截止，不能再提交", ((Decision.Refused)submit).Reason);
        Assert.True(Workflow.CanEdit(ApplicationStatus.Draft, ActorRole.OrgAdmin, at, Call));
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    public void Recommending_closes_at_the_recommendation_deadline(long ticks, bool allowed)
    {
        var decision = Workflow.Decide(ApplicationStatus.Submitted, ApplicationAction.Recommend, ActorRole.Recommender, Call.RecommendationDeadline.AddTicks(ticks), Call);

        Assert.Equal(allowed, decision is Decision.Allowed);
        if (!allowed) Assert.Contains("推荐已于", ((Decision.Refused)decision).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    public void Withdrawal_closes_with_the_deadline_for_it_could_not_be_submitted_again(long ticks, bool allowed)
    {
        var decision = Workflow.Decide(ApplicationStatus.Submitted, ApplicationAction.Withdraw, ActorRole.OrgAdmin, Call.Deadline.AddTicks(ticks), Call);

        Assert.Equal(allowed, decision is Decision.Allowed);
        if (!allowed) Assert.Equal("申报已于2025年7月1日 00:00截止，撤回后将不能再提交，因此不能撤回", ((Decision.Refused)decision).Reason);
    }

    [Fact]
    public void Quotas_count_the_lodged_statuses_and_not_drafts()
    {
        Assert.Equal([ApplicationStatus.Submitted, ApplicationStatus.Recommended, ApplicationStatus.Accepted, ApplicationStatus.ExpertReview,
            ApplicationStatus.Reviewed, ApplicationStatus.Proposed, ApplicationStatus.Publicity, ApplicationStatus.Approved], Workflow.Lodged);
    }

    [Fact]
    public void Every_status_action_and_role_has_a_chinese_label()
    {
        Assert.All(Enum.GetValues<ApplicationStatus>(), s => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", Workflow.Label(s)));
        Assert.All(Enum.GetValues<ApplicationStatus>(), s => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", Workflow.NextStep(s)));
        Assert.All(Enum.GetValues<ApplicationAction>(), a => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", Workflow.Label(a)));
        Assert.All(Enum.GetValues<ActorRole>(), r => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", Workflow.Label(r)));
    }

    [Theory]
    [InlineData("hengyang-2025", 12, 1, "HENGYANG-2025-00012", "HENGYANG-2025-00012-1")]
    [InlineData("hengyang-2025", 12345, 3, "HENGYANG-2025-12345", "HENGYANG-2025-12345-3")]
    public void Receipts_derive_from_the_application_number(string guide, int sequence, int submission, string number, string receipt)
    {
        Assert.Equal(number, Submission.Number(guide, sequence));
        Assert.Equal(receipt, Submission.ReceiptNo(number, submission));
    }
}
