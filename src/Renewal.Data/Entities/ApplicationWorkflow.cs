using Renewal.Data.Entities;

namespace Renewal.Data.Entities;

/// <summary>The moves of an application (申报流程).</summary>
public enum WorkflowAction
{
    /// <summary>企业提交 — draft or returned → submitted.</summary>
    Submit,
    /// <summary>区镇受理 — submitted → district review.</summary>
    Accept,
    /// <summary>区镇初审通过 — district review → bureau review.</summary>
    DistrictApprove,
    /// <summary>市局审核通过并公示 — bureau review → public notice.</summary>
    BureauApprove,
    /// <summary>公示期满批准 — public notice → approved (award computed again).</summary>
    Approve,
    /// <summary>财政拨付 — approved → paid.</summary>
    Pay,
    /// <summary>退回修改 — back to the enterprise with comments.</summary>
    Return,
    /// <summary>不予支持 — rejected with a reason.</summary>
    Reject,
    /// <summary>撤回 — the enterprise takes back a submission no reviewer has accepted yet (submitted → withdrawn).</summary>
    Withdraw,
    /// <summary>申请退回 — the enterprise asks the reviewer who holds the application to return it (the state does not change).</summary>
    RequestReturn,
    /// <summary>退回区镇复核 — the bureau sends an application back to the district's review with comments (bureau review → district review).</summary>
    ReturnToDistrict,
}

/// <summary>One allowed move: from which states, to which state, by which roles.</summary>
public sealed record Transition(WorkflowAction Action, ApplicationState[] From, ApplicationState To, Role[] Roles, bool NeedsComment);

/// <summary>The table of allowed moves. Anything not in it is refused with a reason.</summary>
public static class Transitions
{
    private static readonly Role[] Bureau = [Role.BureauReviewer, Role.BureauAdmin];

    public static IReadOnlyList<Transition> All { get; } =
    [
        new(WorkflowAction.Submit, [ApplicationState.Draft, ApplicationState.Returned, ApplicationState.Withdrawn], ApplicationState.Submitted, [Role.Enterprise], false),
        new(WorkflowAction.Withdraw, [ApplicationState.Submitted], ApplicationState.Withdrawn, [Role.Enterprise], false),
        new(WorkflowAction.RequestReturn, [ApplicationState.DistrictReview], ApplicationState.DistrictReview, [Role.Enterprise], true),
        new(WorkflowAction.RequestReturn, [ApplicationState.BureauReview], ApplicationState.BureauReview, [Role.Enterprise], true),
        new(WorkflowAction.Accept, [ApplicationState.Submitted], ApplicationState.DistrictReview, [Role.DistrictReviewer], false),
        new(WorkflowAction.DistrictApprove, [ApplicationState.DistrictReview], ApplicationState.BureauReview, [Role.DistrictReviewer], false),
        new(WorkflowAction.BureauApprove, [ApplicationState.BureauReview], ApplicationState.PublicNotice, Bureau, false),
        new(WorkflowAction.Approve, [ApplicationState.PublicNotice], ApplicationState.Approved, Bureau, false),
        new(WorkflowAction.Pay, [ApplicationState.Approved], ApplicationState.Paid, [Role.Finance], false),
        new(WorkflowAction.Return, [ApplicationState.Submitted, ApplicationState.DistrictReview], ApplicationState.Returned, [Role.DistrictReviewer], true),
        new(WorkflowAction.Return, [ApplicationState.BureauReview], ApplicationState.Returned, Bureau, true),
        new(WorkflowAction.ReturnToDistrict, [ApplicationState.BureauReview], ApplicationState.DistrictReview, Bureau, true),
        new(WorkflowAction.Reject, [ApplicationState.Submitted, ApplicationState.DistrictReview], ApplicationState.Rejected, [Role.DistrictReviewer], true),
        new(WorkflowAction.Reject, [ApplicationState.BureauReview, ApplicationState.PublicNotice], ApplicationState.Rejected, Bureau, true),
    ];

    /// <summary>The move for <paramref name="action"/> from <paramref name="state"/> by <paramref name="role"/>, or the reason it is refused.</summary>
    public static (Transition? Move, string? Refusal) Find(WorkflowAction action, ApplicationState state, Role role)
    {
        var byAction = All.Where(t => t.Action == action).ToList();
        var fromState = byAction.Where(t => t.From.Contains(state)).ToList();
        if (fromState.Count == 0)
            return (null, NotFrom(action, state));
        var move = fromState.FirstOrDefault(t => t.Roles.Contains(role));
        return move is null
            ? (null, $"“{Labels.Of(action)}”须由{string.Join("或", fromState.SelectMany(t => t.Roles).Distinct().Select(Labels.Of))}办理")
            : (move, null);
    }

    /// <summary>Why <paramref name="action"/> is refused from <paramref name="state"/>, whoever asks.</summary>
    public static string NotFrom(WorkflowAction action, ApplicationState state) =>
        $"申报当前状态为“{Labels.Of(state)}”，不能“{Labels.Of(action)}”";

    /// <summary>The actions <paramref name="role"/> may take on an application in <paramref name="state"/>.</summary>
    public static IEnumerable<WorkflowAction> Available(ApplicationState state, Role role) =>
        All.Where(t => t.From.Contains(state) && t.Roles.Contains(role)).Select(t => t.Action).Distinct();
}

/// <summary>A move the workflow does not allow; the message (Chinese) says why and can be shown as is.</summary>
public sealed class WorkflowRefusedException : InvalidOperationException
{
    public WorkflowRefusedException() : base("申报流程不允许该操作") { }

    public WorkflowRefusedException(string message) : base(message) { }

    public WorkflowRefusedException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>Chinese labels of states, actions and roles.</summary>
public static class Labels
{
    public static string Of(ApplicationState s) => s switch
    {
        ApplicationState.Draft => "草稿",
        ApplicationState.Submitted => "已提交",
        ApplicationState.DistrictReview => "区镇审核中",
        ApplicationState.BureauReview => "市局审核中",
        ApplicationState.PublicNotice => "公示中",
        ApplicationState.Approved => "已批准",
        ApplicationState.Paid => "已拨付",
        ApplicationState.Returned => "已退回修改",
        ApplicationState.Withdrawn => "已撤回",
        _ => "不予支持",
    };

    public static string Of(WorkflowAction a) => a switch
    {
        WorkflowAction.Submit => "提交申报",
        WorkflowAction.Accept => "受理",
        WorkflowAction.DistrictApprove => "区镇审核通过",
        WorkflowAction.BureauApprove => "市局审核通过并公示",
        WorkflowAction.Approve => "公示期满批准",
        WorkflowAction.Pay => "确认拨付",
        WorkflowAction.Return => "退回修改",
        WorkflowAction.ReturnToDistrict => "退回区镇复核",
        WorkflowAction.Withdraw => "撤回申报",
        WorkflowAction.RequestReturn => "申请退回",
        _ => "不予支持",
    };

    public static string Of(Role r) => r switch
    {
        Role.Enterprise => "企业用户",
        Role.DistrictReviewer => "区镇审核员",
        Role.BureauReviewer => "市局审核员",
        Role.BureauAdmin => "市局管理员",
        Role.Finance => "财政人员",
        _ => "银行人员",
    };
}

/// <summary>Working days for the public notice: Monday to Friday (public holidays are not modelled; the count is configurable).</summary>
public static class WorkingDays
{
    /// <summary>The last day of a notice of <paramref name="days"/> working days starting on <paramref name="start"/> (counted if a working day).</summary>
    public static DateOnly End(DateOnly start, int days)
    {
        if (days <= 0) return start; // a demo setting: no waiting
        var d = start;
        var counted = 0;
        while (true)
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && ++counted == days) return d;
            d = d.AddDays(1);
        }
    }
}
