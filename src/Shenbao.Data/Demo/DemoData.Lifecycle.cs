using Shenbao.Domain.Applications;
using Shenbao.Domain.Guides;

namespace Shenbao.Data.Demo;

/// <summary>
/// 衡阳师范学院's 重点研发 applications in every state after submission, each moved by the people whose move it is and
/// only as the transition table allows (Workflow.Decide is asked for every step), with the reasons, clauses, amounts,
/// the publicity rounds and an objection: so that every screen of the officials and of the applicant has something to
/// show after `dotnet run`.
/// </summary>
public static partial class DemoData
{
    private sealed record Move(ApplicationAction Action, string By, string? Reason = null, string? Clause = null, string? Note = null);

    private static void AddLifecycle(AppDbContext db, Guide guide, FundingCall call, Organisation hynu, Dictionary<string, User> users, DateTimeOffset now)
    {
        var admin = users["hynu-admin"];
        const string recommender = "zhuhui-recommender", bureau = "bureau-officer";
        var toReview = new[] { new Move(ApplicationAction.Recommend, recommender), new Move(ApplicationAction.Accept, bureau) };
        var reviewed = toReview.Concat([new Move(ApplicationAction.StartReview, bureau), new Move(ApplicationAction.FinishReview, bureau)]).ToArray();
        // the call opened a week ago: submissions five days ago, a first round of 公示 decided, a second open now
        var (earlierRound, currentRound) = ((Start: now.AddDays(-4), End: now.AddDays(-3)), (Start: now.AddDays(-2), End: now.AddDays(5)));
        var clause = guide.FindCategory("key-rd")!.Rules[0].Clause;

        // (title, field, leader, moves, amount); the last two share a summary closely, for the cross-application checks
        var lives = new (string Title, string Field, string Leader, Move[] Moves, decimal? Amount, string? Summary)[]
        {
            ("湘江流域重金属污染土壤原位修复技术", "水污染与重金属污染治理", "陈教授", [], null, null),
            ("衡阳传统村落文旅融合数字化保护", "文旅融合", "李副教授", [new(ApplicationAction.Return, recommender, Reason: "预算说明过于简略，请按科目补充测算依据")], null, null),
            ("输变电装备绝缘材料老化监测技术", "输变电装备制造", "周教授", [new(ApplicationAction.Recommend, recommender, Note: "该团队近三年有两项市级项目按期结题")], null, null),
            ("盐卤化工副产物高值化利用", "盐卤化工", "赵副教授", [new(ApplicationAction.NotRecommend, recommender, Reason: "与本辖区今年重点支持的产业方向不符")], null, null),
            ("有色金属冶炼烟气余热回收", "有色金属冶炼及深加工", "孙教授", toReview, null, null),
            ("新能源汽车电池回收拆解工艺", "汽车及零部件", "吴副教授", [new(ApplicationAction.Recommend, recommender), new(ApplicationAction.Refuse, bureau, Reason: "项目负责人职称材料与申报信息不符", Clause: clause)], null, null),
            ("生物医药中间体绿色合成", "生物医药", "郑教授", [.. toReview, new(ApplicationAction.StartReview, bureau)], null, null),
            ("现代物流园区智能调度系统", "现代物流", "王教授", reviewed, null, null),
            ("智能农机北斗导航作业系统", "智能农机装备研发与推广", "冯教授", [.. reviewed, new(ApplicationAction.Propose, bureau)], 300000m, null),
            ("中医药特色制剂质量标准研究", "中医药", "何教授", [.. reviewed, new(ApplicationAction.Propose, bureau), new(ApplicationAction.Publish, bureau)], 250000m,
                "建立中医药特色制剂的质量标准体系，开展指纹图谱与含量测定方法研究，形成可推广的质量控制技术规范。"),
            ("中医药院内制剂质量控制方法研究", "中医药", "何教授", [.. reviewed, new(ApplicationAction.Propose, bureau), new(ApplicationAction.Publish, bureau), new(ApplicationAction.Approve, bureau)], 200000m,
                "建立中医药院内制剂的质量标准体系，开展指纹图谱与含量测定方法研究，形成可推广的质量控制技术规范。"),
            ("食品安全快速检测试剂盒开发", "食品安全", "许副教授", [.. reviewed, new(ApplicationAction.Decline, bureau, Reason: "评审排名未进入本批次资助范围")], null, null),
            ("消防安全隐患智能识别平台", "消防及安全生产", "马副教授", [new(ApplicationAction.Abandon, "hynu-admin", Reason: "项目负责人调往外地，本单位放弃申报")], null, null),
        };
        foreach (var (title, field, leaderName, moves, amount, summary) in lives)
        {
            var application = Submitted(db, guide, call, hynu, admin, ActorRole.OrgAdmin, "key-rd", now.AddDays(-4), [], [], new()
            {
                ["project.title"] = title,
                ["application.field"] = field,
                ["application.leader.name"] = leaderName,
                ["application.leader.title"] = "senior",
                ["narrative.summary"] = summary ?? $"围绕{field}领域的关键技术开展攻关：{title}。",
                ["narrative.budget.total"] = "1000000",
                ["narrative.budget.requested"] = "300000",
                ["narrative.team"] = $"{leaderName}等6人",
            });
            application.ProposedAmount = amount;
            var at = application.SubmittedAt!.Value;
            foreach (var move in moves)
            {
                at = at.AddHours(3);
                // the approved one went through the earlier round of 公示, the one still on the list is in the current round
                var when = move.Action switch
                {
                    ApplicationAction.Publish => moves.Any(m => m.Action == ApplicationAction.Approve) ? earlierRound.Start : currentRound.Start,
                    ApplicationAction.Approve => earlierRound.End.AddHours(2),
                    _ => at,
                };
                var window = call.Window with { PublicityEndsAt = earlierRound.End };
                var role = Enum.Parse<ActorRole>(Accounts.Single(a => a.UserName == move.By).Role);
                var step = Workflow.Decide(application.Status, move.Action, role, when, window, application.ReturnedFrom) as Decision.Allowed
                    ?? throw new InvalidOperationException($"demo step {move.Action} of {title} is not legal");
                var by = users[move.By];
                application.Events.Add(new ApplicationEvent
                {
                    At = when, UserId = by.Id, Role = role, UserName = by.DisplayName, Action = step.Action, From = step.From, To = step.To,
                    Reason = move.Reason, InternalNote = move.Note, Clauses = move.Clause is null ? null : $"|{move.Clause}|",
                });
                application.ReturnedFrom = step.To == ApplicationStatus.Returned ? step.From : null;
                application.Status = step.To;
                application.Version++;
                application.UpdatedAt = when;
            }
            if (application.Status == ApplicationStatus.Publicity)
                db.Objections.Add(new Objection
                {
                    Application = application, Name = "张某", Contact = "0734-0000000", SubmittedAt = currentRound.Start.AddDays(1),
                    Text = "该项目与本校已立项的“中医药院内制剂质量控制方法研究”内容相近，请核实是否重复申报。",
                });
            db.Applications.Add(application);
        }
        call.PublicityStartsAt = currentRound.Start;
        call.PublicityEndsAt = currentRound.End;
    }
}
