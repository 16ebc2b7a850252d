using Shenbao.Domain.Applications;

namespace Shenbao.Domain.Audit;

/// <summary>
/// What an audit row records. Stored by name: never renamed, only added to. The workflow's actions keep their own
/// names here (<see cref="Of(ApplicationAction)"/>), so a transition and its audit row say the same word.
/// </summary>
public enum AuditAction
{
    // the workflow's transitions, by the names of ApplicationAction
    Create,
    Edit,
    Submit,
    Withdraw,
    Recommend,
    Return,
    NotRecommend,
    Accept,
    Refuse,
    StartReview,
    FinishReview,
    Propose,
    Publish,
    Approve,
    Decline,
    Abandon,
    // accounts
    SignIn,
    SignInFailed,
    LockedOut,
    SignOut,
    Register,
    Activate,
    AccountCreated,
    PasswordResetRequested,
    PasswordReset,
    // the organisation's data and files
    ProfileChange,
    Upload,
    RemoveFile,
    // reading out and running the system
    Export,
    CallChange,
    ConfigChange,
    ReminderSent,
    /// <summary>`audit accept`: the outside head set to the table's end after a restore or a lost head, old and new recorded.</summary>
    HeadAccepted,
    /// <summary>A 科技型中小企业自评 recorded (its year and conclusion in the details).</summary>
    SelfAssessment,
    /// <summary>A signed-in person changing their own password (with the current one).</summary>
    PasswordChange,
    /// <summary>A 推荐单位 sending a registration back, with its reason in the details.</summary>
    ReturnRegistration,
    /// <summary>An organisation not yet active correcting its registration (a returned one resubmitting it).</summary>
    RegistrationChange,
    /// <summary>公示: the proposed list published for its period (the period in the details).</summary>
    PublishList,
    /// <summary>公示异议 received (the application's number only: the objector's name and contact are personal data).</summary>
    Objection,
    ObjectionAnswer,
    // expert review
    /// <summary>专家库导入 (how many experts and accounts in the details; never their personal data).</summary>
    ExpertImport,
    ExpertEdit,
    ExpertDeactivate,
    ExpertActivate,
    /// <summary>An officer looking at an expert's full 身份证号.</summary>
    ExpertIdentityView,
    /// <summary>分配评审专家: a run with its seed, how many assigned, excluded and left short.</summary>
    AssignExperts,
    /// <summary>An officer replacing an assigned expert, with the reason.</summary>
    ReplaceExpert,
    /// <summary>An expert declaring no conflict of interest (the content is shown from then on).</summary>
    DeclareNoConflict,
    /// <summary>An expert declaring a conflict: the application goes back for reassignment.</summary>
    DeclareConflict,
    SaveReview,
    SubmitReview,
    /// <summary>An officer reopening a submitted review, with the reason.</summary>
    ReopenReview,
    ReviewDeadlineChange,
    /// <summary>A new version of an official list (HTE certificates, contract registrations) imported.</summary>
    OfficialListImport,
    // the second factor of the privileged roles
    PasswordAccepted,
    SecondFactorEnrolled,
    SecondFactorFailed,
    RecoveryCodeUsed,
    // the administrators' work (三员)
    AccountDisabled,
    AccountEnabled,
    RoleGranted,
    RoleRevoked,
    SecondFactorReset,
    SecurityPolicyChanged,
    SiteSettingsChanged,
    PermissionDenied,
    BackupTaken,
    BackupRestored,
}

/// <summary>How the attempt ended: done, failed (a wrong password), or refused by a rule (a locked account).</summary>
public enum AuditOutcome
{
    Success,
    Failure,
    Refused,
}

public static class AuditActions
{
    /// <summary>The audit action of a workflow action: the same name.</summary>
    public static AuditAction Of(ApplicationAction action) => Enum.Parse<AuditAction>(action.ToString());

    public static string Label(AuditAction action) => action switch
    {
        AuditAction.Create => "创建申报书",
        AuditAction.Edit => "修改申报书",
        AuditAction.Submit => "提交申报书",
        AuditAction.Withdraw => "撤回申报书",
        AuditAction.Recommend => "推荐申报书",
        AuditAction.Return => "退回申报书",
        AuditAction.NotRecommend => "不予推荐",
        AuditAction.Accept => "形式审查通过",
        AuditAction.Refuse => "不予受理",
        AuditAction.StartReview => "送专家评审",
        AuditAction.FinishReview => "完成评审",
        AuditAction.Propose => "列入拟立项",
        AuditAction.Publish => "公示",
        AuditAction.Approve => "立项",
        AuditAction.Decline => "不予立项",
        AuditAction.Abandon => "放弃申报",
        AuditAction.SignIn => "登录",
        AuditAction.SignInFailed => "登录失败",
        AuditAction.LockedOut => "账号锁定",
        AuditAction.SignOut => "退出登录",
        AuditAction.Register => "单位注册",
        AuditAction.Activate => "单位激活",
        AuditAction.AccountCreated => "开设账号",
        AuditAction.PasswordResetRequested => "申请重置密码",
        AuditAction.PasswordReset => "设置密码",
        AuditAction.ProfileChange => "修改单位信息",
        AuditAction.Upload => "上传文件",
        AuditAction.RemoveFile => "删除文件",
        AuditAction.Export => "导出",
        AuditAction.CallChange => "批次变更",
        AuditAction.ConfigChange => "配置变更",
        AuditAction.ReminderSent => "发送截止提醒",
        AuditAction.HeadAccepted => "接受审计链头",
        AuditAction.SelfAssessment => "科技型中小企业自评",
        AuditAction.PasswordChange => "修改密码",
        AuditAction.ReturnRegistration => "退回单位注册",
        AuditAction.RegistrationChange => "修改注册信息",
        AuditAction.PublishList => "发布公示",
        AuditAction.Objection => "公示异议",
        AuditAction.ObjectionAnswer => "答复公示异议",
        AuditAction.ExpertImport => "导入评审专家",
        AuditAction.ExpertEdit => "修改专家信息",
        AuditAction.ExpertDeactivate => "停用专家",
        AuditAction.ExpertActivate => "启用专家",
        AuditAction.ExpertIdentityView => "查看专家身份证号",
        AuditAction.AssignExperts => "分配评审专家",
        AuditAction.ReplaceExpert => "更换评审专家",
        AuditAction.DeclareNoConflict => "声明无利益冲突",
        AuditAction.DeclareConflict => "声明利益冲突",
        AuditAction.SaveReview => "保存评审意见",
        AuditAction.SubmitReview => "提交评审意见",
        AuditAction.ReopenReview => "退回专家重评",
        AuditAction.ReviewDeadlineChange => "设置评审截止时间",
        AuditAction.OfficialListImport => "导入官方名单",
        AuditAction.PasswordAccepted => "密码正确，待动态口令",
        AuditAction.SecondFactorEnrolled => "绑定动态口令",
        AuditAction.SecondFactorFailed => "动态口令错误",
        AuditAction.RecoveryCodeUsed => "使用恢复码登录",
        AuditAction.AccountDisabled => "停用账号",
        AuditAction.AccountEnabled => "启用账号",
        AuditAction.RoleGranted => "授予角色",
        AuditAction.RoleRevoked => "收回角色",
        AuditAction.SecondFactorReset => "重置动态口令",
        AuditAction.SecurityPolicyChanged => "修改安全策略",
        AuditAction.SiteSettingsChanged => "修改系统设置",
        AuditAction.PermissionDenied => "越权访问被拒绝",
        AuditAction.BackupTaken => "备份数据",
        AuditAction.BackupRestored => "从备份恢复",
        // a row whose stored action is no name (the trail was tampered with) is shown as such, not hidden
        _ => $"（无法识别的操作 {(int)action}）",
    };

    public static string Label(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Success => "成功",
        AuditOutcome.Failure => "失败",
        AuditOutcome.Refused => "拒绝",
        _ => $"（无法识别的结果 {(int)outcome}）",
    };
}
