using System.Net;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Web.Tests.Infrastructure;
using Renewal.Web.Tests.Reports;
using Renewal.Web.Tests.Workflow;

namespace Renewal.Web.Tests.Payments;

/// <summary>
/// Reviewers and finance on the pages (issue 12 item 5): the bureau approves less than computed with its reason (never
/// more), returns an application to the district, who learns of it; finance pays a batch with a payment date and a
/// voucher per award and downloads the treasury's list.
/// </summary>
public abstract class ReviewAndPaymentTests(RenewalApp app)
{
    private async Task<int> ApprovedAsync(decimal? amount = null, string? reason = null)
    {
        var id = await Flow.ToNoticeAsync(app, app.Data.TakeJiaProject(), 2025);
        Flow.PassTheNotice(app);
        using var shiju = await app.SignInAsync("shiju");
        var fields = new Dictionary<string, string> { ["action"] = "Approve", ["version"] = Flow.VersionOn(await shiju.PageAsync($"/applications/{id}")).ToString() };
        if (amount is { } a) fields["approveAmount"] = a.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture);
        if (reason is not null) fields["comment"] = reason;
        var (_, page) = await shiju.SubmitFormAsync($"/applications/{id}?handler=Move", fields);
        Assert.Equal("已批准", Flow.StateOn(page));
        return id;
    }

    [Fact]
    public async Task TheBureau_ApprovesLessWithItsReason_AndThePageSaysWhatWasComputedAndWhy()
    {
        var id = await Flow.ToNoticeAsync(app, app.Data.TakeJiaProject(), 2025);
        Flow.PassTheNotice(app);
        using var shiju = await app.SignInAsync("shiju");
        var form = await shiju.PageAsync($"/applications/{id}");
        Assert.Contains("批准金额（元）", form, StringComparison.Ordinal);
        Assert.Contains("不填即按测算金额 4,800,000.00 元批准", form, StringComparison.Ordinal);
        var version = Flow.VersionOn(form).ToString();

        var (_, higher) = await shiju.SubmitFormAsync($"/applications/{id}?handler=Move",
            new Dictionary<string, string> { ["action"] = "Approve", ["version"] = version, ["approveAmount"] = "5,000,000", ["comment"] = "多给" });
        Assert.Equal("批准金额（approveAmount）5,000,000.00 元高于测算金额 4,800,000.00 元：只能核减，不能核增", Session.ErrorText(higher));
        var (_, typo) = await shiju.SubmitFormAsync($"/applications/{id}?handler=Move",
            new Dictionary<string, string> { ["action"] = "Approve", ["version"] = version, ["approveAmount"] = "三百万" });
        Assert.Contains("不是金额", Session.ErrorText(typo), StringComparison.Ordinal);
        Assert.Equal("公示中", Flow.StateOn(typo));

        var (_, page) = await shiju.SubmitFormAsync($"/applications/{id}?handler=Move",
            new Dictionary<string, string> { ["action"] = "Approve", ["version"] = version, ["approveAmount"] = "3,600,000.00", ["comment"] = "两台设备未见验收单，按核实金额核减" });
        Assert.Equal("已批准", Flow.StateOn(page));
        Assert.Contains("测算 4,800,000.00 元，核减为 <strong>3,600,000.00 元</strong>；理由：两台设备未见验收单，按核实金额核减", page, StringComparison.Ordinal);
        Assert.Contains("<td>两台设备未见验收单，按核实金额核减</td>", page, StringComparison.Ordinal); // the history's opinion
        using var firm = await app.SignInAsync("jia");
        Assert.Contains("批准金额 3,600,000.00 元", await firm.PageAsync("/inbox"), StringComparison.Ordinal);
        // The public verification of the decision shows what was decided and that it was reduced.
        using var db = app.Db();
        var code = await db.Declarations.Where(d => d.ApplicationId == id && d.Purpose == DeclarationPurpose.Approval).Select(d => d.Code).SingleAsync();
        using var anonymous = app.Anonymous();
        var verify = await anonymous.PageAsync($"/verify/{code}");
        Assert.Contains("3,600,000.00 元", verify, StringComparison.Ordinal);
        Assert.Contains("经审核核减", verify, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBureau_ReturnsToTheDistrict_WhoFindsItInItsInboxAndQueue()
    {
        using var jia = await app.SignInAsync("jia");
        using var quzhen = await app.SignInAsync("quzhen");
        using var shiju = await app.SignInAsync("shiju");
        var a = await Flow.CreateAsync(jia, Renewal.Policy.Model.Scheme.EffectiveInvestment, 2025, app.Data.TakeJiaProject());
        await Flow.MoveAsync(jia, a.Id, WorkflowAction.Submit);
        await Flow.MoveAsync(quzhen, a.Id, WorkflowAction.Accept);
        await Flow.MoveAsync(quzhen, a.Id, WorkflowAction.DistrictApprove);

        var page = await Flow.PressAsync(shiju, a.Id, WorkflowAction.ReturnToDistrict, "请核实设备发票与合同是否一致");

        Assert.Equal("区镇审核中", Flow.StateOn(page));
        var inbox = await quzhen.PageAsync("/inbox");
        Assert.Contains("市局退回区镇复核", inbox, StringComparison.Ordinal);
        Assert.Contains("请核实设备发票与合同是否一致", inbox, StringComparison.Ordinal);
        var districtPage = await quzhen.PageAsync($"/applications/{a.Id}");
        Assert.Contains(">区镇审核通过</button>", districtPage, StringComparison.Ordinal);
        Assert.Contains("<td>请核实设备发票与合同是否一致</td>", districtPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finance_PaysABatch_WithADateAndAVoucherEach_AndDownloadsTheTreasurysList()
    {
        var first = await ApprovedAsync();
        var second = await ApprovedAsync(4_000_000m, "按审计意见核减");
        using var caizheng = await app.SignInAsync("caizheng");
        var waiting = await caizheng.PageAsync("/payments");
        Assert.Contains($"name=\"voucher_{first}\"", waiting, StringComparison.Ordinal);
        Assert.Contains($"name=\"voucher_{second}\"", waiting, StringComparison.Ordinal);
        string Version(int id) => System.Text.RegularExpressions.Regex.Match(waiting, $"name=\"version_{id}\" value=\"(\\d+)\"").Groups[1].Value;

        // One voucher missing: nothing is paid, the row is named, and what was typed stays.
        var (refusedPost, refused) = await caizheng.SubmitFormAsync("/payments", [new("pay", $"{first}"), new("pay", $"{second}"), new($"voucher_{first}", "GK-2026-101"),
            new($"version_{first}", Version(first)), new($"version_{second}", Version(second)), new("paidOn", "2026-01-05")]);
        Assert.Equal(HttpStatusCode.OK, refusedPost.StatusCode);
        Assert.Contains("第 2 行", Session.ErrorText(refused), StringComparison.Ordinal);
        Assert.Contains("请填写支付凭证号", Session.ErrorText(refused), StringComparison.Ordinal);
        Assert.Contains("value=\"GK-2026-101\"", refused, StringComparison.Ordinal);

        var (post, batchPage) = await caizheng.SubmitFormAsync("/payments", [new("pay", $"{first}"), new("pay", $"{second}"), new($"voucher_{first}", "GK-2026-101"),
            new($"voucher_{second}", "GK-2026-102"), new($"version_{first}", Version(first)), new($"version_{second}", Version(second)), new("paidOn", "2026-01-05"),
            new("note", "国库支付指令 2026-007")]);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var batchPath = Session.RedirectPath(post)!;
        Assert.Contains("已拨付 2 项，合计 8,800,000.00 元", Session.StatusText(batchPage), StringComparison.Ordinal);
        Assert.Contains("GK-2026-102", batchPage, StringComparison.Ordinal);
        Assert.Contains("2026-01-05", batchPage, StringComparison.Ordinal);

        using var r = await caizheng.GetAsync(batchPath + "?handler=Xlsx");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var sheet = Poppler.Sheet(await r.Content.ReadAsByteArrayAsync());
        Assert.Contains("拨付清单", sheet[1]["A"], StringComparison.Ordinal);
        Assert.Contains("拨付日期 2026-01-05", sheet[2]["A"], StringComparison.Ordinal);
        Assert.Equal("支付凭证号", sheet[3]["L"]);
        Assert.Equal(["4800000", "4000000"], new[] { sheet[4]["H"], sheet[5]["H"] });
        Assert.Equal(["GK-2026-101", "GK-2026-102"], new[] { sheet[4]["L"], sheet[5]["L"] });
        Assert.Equal("8800000", sheet[6]["H"]);

        var app1 = await Flow.GetAsync(caizheng, first);
        Assert.Equal(ApplicationState.Paid, app1.State);
        using var jia = await app.SignInAsync("jia");
        Assert.Contains("支付凭证号 GK-2026-101", await jia.PageAsync("/inbox"), StringComparison.Ordinal);
        var detail = await caizheng.PageAsync($"/applications/{first}");
        Assert.Contains("拨付日期 2026-01-05", detail, StringComparison.Ordinal);
    }
}

[Collection(SqliteFixture.Name)]
public sealed class ReviewAndPaymentOnSqliteTests(SqliteApp app) : ReviewAndPaymentTests(app);

[Collection(PostgresFixture.Name)]
public sealed class ReviewAndPaymentOnPostgresTests(PostgresApp app) : ReviewAndPaymentTests(app);
