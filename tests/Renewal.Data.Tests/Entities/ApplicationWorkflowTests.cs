using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Testing;
using S = Renewal.Data.Entities.ApplicationState;
using A = Renewal.Data.Entities.WorkflowAction;

namespace Renewal.Data.Tests.Entities;

/// <summary>An application's state moves only through <see cref="AwardApplication.Apply(Transition, DateTimeOffset)"/>, by the table.</summary>
public class ApplicationWorkflowTests
{
    private static readonly DateTimeOffset Opened = new(2025, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = new(2025, 4, 8, 6, 30, 0, TimeSpan.Zero);

    // The workflow of the spec, written out by hand (not read from Transitions.All): from, move, to, one role allowed.
    public static TheoryData<S, A, S, Role> Allowed => new()
    {
        { S.Draft, A.Submit, S.Submitted, Role.Enterprise },
        { S.Returned, A.Submit, S.Submitted, Role.Enterprise },
        { S.Withdrawn, A.Submit, S.Submitted, Role.Enterprise },
        { S.Submitted, A.Withdraw, S.Withdrawn, Role.Enterprise },
        { S.DistrictReview, A.RequestReturn, S.DistrictReview, Role.Enterprise },
        { S.BureauReview, A.RequestReturn, S.BureauReview, Role.Enterprise },
        { S.Submitted, A.Accept, S.DistrictReview, Role.DistrictReviewer },
        { S.DistrictReview, A.DistrictApprove, S.BureauReview, Role.DistrictReviewer },
        { S.BureauReview, A.BureauApprove, S.PublicNotice, Role.BureauReviewer },
        { S.BureauReview, A.BureauApprove, S.PublicNotice, Role.BureauAdmin },
        { S.PublicNotice, A.Approve, S.Approved, Role.BureauReviewer },
        { S.PublicNotice, A.Approve, S.Approved, Role.BureauAdmin },
        { S.Approved, A.Pay, S.Paid, Role.Finance },
        { S.Submitted, A.Return, S.Returned, Role.DistrictReviewer },
        { S.DistrictReview, A.Return, S.Returned, Role.DistrictReviewer },
        { S.BureauReview, A.Return, S.Returned, Role.BureauReviewer },
        { S.BureauReview, A.ReturnToDistrict, S.DistrictReview, Role.BureauReviewer },
        { S.BureauReview, A.ReturnToDistrict, S.DistrictReview, Role.BureauAdmin },
        { S.Submitted, A.Reject, S.Rejected, Role.DistrictReviewer },
        { S.DistrictReview, A.Reject, S.Rejected, Role.DistrictReviewer },
        { S.BureauReview, A.Reject, S.Rejected, Role.BureauAdmin },
        { S.PublicNotice, A.Reject, S.Rejected, Role.BureauReviewer },
    };

    private static readonly string[] StateLabels = ["草稿", "已提交", "区镇审核中", "市局审核中", "公示中", "已批准", "已拨付", "已退回修改", "不予支持", "已撤回"];
    private static readonly string[] ActionLabels = ["提交申报", "受理", "区镇审核通过", "市局审核通过并公示", "公示期满批准", "确认拨付", "退回修改", "不予支持", "撤回申报", "申请退回", "退回区镇复核"];

    /// <summary>Every (state, move) pair the hand-written workflow does not allow.</summary>
    public static TheoryData<S, A> Refused()
    {
        var allowed = Allowed.Select(r => ((S)r[0], (A)r[1])).ToHashSet();
        var data = new TheoryData<S, A>();
        foreach (var s in Enum.GetValues<S>())
            foreach (var a in Enum.GetValues<A>())
                if (!allowed.Contains((s, a))) data.Add(s, a);
        return data;
    }

    private static AwardApplication In(S state) =>
        AwardApplication.Draft(Scheme.TechRenovation, 2025, 7, Opened).MovedTo(state, Opened);

    [Fact]
    public void Draft_StartsInDraft_ForItsSubject()
    {
        var app = AwardApplication.Draft(Scheme.LoanInterest, 2026, 3, Opened, projectId: 11, loanId: 5);
        Assert.Equal(S.Draft, app.State);
        Assert.Equal((Scheme.LoanInterest, 2026, 3, (int?)11, (int?)5), (app.Scheme, app.Year, app.EnterpriseId, app.ProjectId, app.LoanId));
        Assert.Equal(Opened, app.CreatedAt);
        Assert.Equal(Opened, app.UpdatedAt);
        Assert.Equal("", app.Number);
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public void AllowedMove_ByAnAllowedRole_MovesAndStampsTheTime(S from, A action, S to, Role role)
    {
        var app = In(from);
        Assert.Equal(from, app.State);
        Assert.Equal(from, app.Apply(action, role, Later));
        Assert.Equal(to, app.State);
        Assert.Equal(Later, app.UpdatedAt);
        Assert.Equal(Opened, app.CreatedAt);
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public void AllowedMove_FoundInTheTable_MovesThroughTheTransition(S from, A action, S to, Role role)
    {
        var app = In(from);
        var (move, refusal) = Transitions.Find(action, from, role);
        Assert.Null(refusal);
        Assert.Equal(from, app.Apply(move!, Later));
        Assert.Equal(to, app.State);
    }

    [Fact]
    public void TheTable_AllowsExactlyTheHandWrittenWorkflow()
    {
        var table = Transitions.All.SelectMany(t => t.From.SelectMany(f => t.Roles.Select(r => (f, t.Action, t.To, r)))).ToHashSet();
        foreach (var row in Allowed)
            Assert.Contains(((S)row[0], (A)row[1], (S)row[2], (Role)row[3]), table);
        // Every (state, move) pair of the table is one of the hand-written ones.
        var pairs = Allowed.Select(r => ((S)r[0], (A)r[1])).ToHashSet();
        Assert.All(table, t => Assert.Contains((t.f, t.Action), pairs));
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void RefusedMove_Throws_WithTheChineseReason_AndLeavesTheStateAlone(S from, A action)
    {
        var app = In(from);
        var expected = $"申报当前状态为“{StateLabels[(int)from]}”，不能“{ActionLabels[(int)action]}”";
        foreach (var role in Enum.GetValues<Role>())
        {
            var ex = Assert.Throws<WorkflowRefusedException>(() => app.Apply(action, role, Later));
            Assert.Equal(expected, ex.Message);
        }
        // A transition of the table that does not start from here is refused the same way.
        foreach (var move in Transitions.All.Where(t => t.Action == action))
            Assert.Equal(expected, Assert.Throws<WorkflowRefusedException>(() => app.Apply(move, Later)).Message);
        Assert.Equal(from, app.State);
        Assert.Equal(Opened, app.UpdatedAt);
    }

    [Fact]
    public void RefusedMove_ReadsAsTheUserSeesIt()
    {
        var ex = Assert.Throws<WorkflowRefusedException>(() => In(S.Draft).Apply(A.Pay, Role.Finance, Later));
        Assert.Equal("申报当前状态为“草稿”，不能“确认拨付”", ex.Message);
        ex = Assert.Throws<WorkflowRefusedException>(() => In(S.Paid).Apply(A.Reject, Role.BureauAdmin, Later));
        Assert.Equal("申报当前状态为“已拨付”，不能“不予支持”", ex.Message);
    }

    [Fact]
    public void AllowedMove_ByAnotherRole_IsRefused_NamingWhoMay()
    {
        var app = In(S.Draft);
        Assert.Equal("“提交申报”须由企业用户办理", Assert.Throws<WorkflowRefusedException>(() => app.Apply(A.Submit, Role.Finance, Later)).Message);
        app = In(S.PublicNotice);
        Assert.Equal("“公示期满批准”须由市局审核员或市局管理员办理", Assert.Throws<WorkflowRefusedException>(() => app.Apply(A.Approve, Role.DistrictReviewer, Later)).Message);
        Assert.Equal(S.PublicNotice, app.State);
    }

    [Fact]
    public void AMoveNotInTheTable_IsRefused_EvenIfItLooksRight()
    {
        var app = In(S.Approved);
        var forged = new Transition(A.Pay, [S.Approved], S.Paid, [Role.Finance], false);
        var ex = Assert.Throws<WorkflowRefusedException>(() => app.Apply(forged, Later));
        Assert.Equal("“确认拨付”不是申报流程中的操作", ex.Message);
        Assert.Equal(S.Approved, app.State);
    }

    [Fact]
    public void AReturnedApplication_CanBeSubmittedAgain_AndWalkToPaid()
    {
        var app = In(S.Draft);
        var walk = new (A Action, Role Role, S To)[]
        {
            (A.Submit, Role.Enterprise, S.Submitted), (A.Accept, Role.DistrictReviewer, S.DistrictReview),
            (A.DistrictApprove, Role.DistrictReviewer, S.BureauReview), (A.Return, Role.BureauReviewer, S.Returned),
            (A.Submit, Role.Enterprise, S.Submitted), (A.Accept, Role.DistrictReviewer, S.DistrictReview),
            (A.DistrictApprove, Role.DistrictReviewer, S.BureauReview), (A.BureauApprove, Role.BureauAdmin, S.PublicNotice),
            (A.Approve, Role.BureauReviewer, S.Approved), (A.Pay, Role.Finance, S.Paid),
        };
        foreach (var (action, role, to) in walk)
        {
            app.Apply(action, role, Later);
            Assert.Equal(to, app.State);
        }
        Assert.Empty(Transitions.Available(S.Paid, Role.BureauAdmin));
    }
}
