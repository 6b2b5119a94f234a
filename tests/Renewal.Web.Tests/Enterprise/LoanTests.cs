using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Web.Tests.Infrastructure;
using Loan = Renewal.Data.Entities.Loan;

// Not "…Tests.Enterprise": a namespace of that name would hide the entity type Enterprise from the other test folders.
namespace Renewal.Web.Tests.EnterpriseUseCases;

/// <summary>
/// An enterprise registers and edits the loans of its own projects: the rate typed in percent is stored as the exact
/// fraction, the repayments are replaced as sent, the version guards an edit. A bad field, a project or loan of
/// another enterprise and a user who is not an enterprise are refused, and nothing is stored or changed.
/// </summary>
public abstract class LoanTests(RenewalApp app)
{
    private static string NewCode() => "DK-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    private object Registration(string code, int? projectId = null, long? version = null) => new
    {
        code, projectId = projectId ?? app.Data.OwnProjectId, bank = "中国工商银行昆山分行", category = "EquipmentRenewal",
        principal = 5_000_000.00m, ratePercent = 3.45m, issuedOn = "2025-01-15", maturesOn = "2028-01-15",
        equipmentAmount = 4_200_000.5m, viaSuzhouPlatform = true,
        repayments = new object[] { new { date = "2026-01-15", amount = 250_000.25m }, new { date = "2025-07-15", amount = 500_000m } },
        version,
    };

    private async Task<Loan?> FindAsync(string code)
    {
        await using var db = app.Db();
        return await db.Loans.AsNoTracking().Include(l => l.Repayments).SingleOrDefaultAsync(l => l.Code == code);
    }

    private async Task<Loan> StoredAsync(int id)
    {
        await using var db = app.Db();
        return await db.Loans.AsNoTracking().Include(l => l.Repayments).SingleAsync(l => l.Id == id);
    }

    private async Task<(int Loans, int Repayments)> CountsAsync()
    {
        await using var db = app.Db();
        return (await db.Loans.CountAsync(), await db.Repayments.CountAsync());
    }

    private static IEnumerable<(DateOnly, decimal)> Rows(Loan l) => l.Repayments.OrderBy(r => r.Date).Select(r => (r.Date, r.Amount));

    [Fact]
    public async Task Register_OverTheApi_StoresTheLoanExactly_AndAnEditReplacesTheRepayments_ButNotFromAStaleVersion()
    {
        using var qiye = await app.SignInAsync("qiye");
        var code = NewCode();
        int id;
        using (var r = await qiye.PostJsonAsync("/api/v1/enterprise/loans", Registration(code)))
        {
            var body = await r.BodyAsync(HttpStatusCode.Created);
            id = body["id"]!.GetValue<int>();
            Assert.Equal(3.45m, body["ratePercent"]!.GetValue<decimal>());
        }
        var l = await StoredAsync(id);
        Assert.Equal((code, app.Data.DemoEnterpriseId, app.Data.OwnProjectId, "中国工商银行昆山分行", LoanCategory.EquipmentRenewal),
            (l.Code, l.EnterpriseId, l.ProjectId, l.Bank, l.Category));
        Assert.Equal((5_000_000.00m, 0.0345m, 4_200_000.5m, true), (l.Principal, l.Rate, l.EquipmentAmount, l.ViaSuzhouPlatform));
        Assert.Equal((new DateOnly(2025, 1, 15), new DateOnly(2028, 1, 15)), (l.IssuedOn, l.MaturesOn));
        Assert.Equal([(new DateOnly(2025, 7, 15), 500_000m), (new DateOnly(2026, 1, 15), 250_000.25m)], Rows(l));

        var edit = new
        {
            code, projectId = app.Data.OwnProjectId, bank = "中国银行昆山分行", category = "DigitalTransformation", principal = 4_000_000m,
            ratePercent = 3.2m, issuedOn = "2025-01-15", maturesOn = "2027-01-15", equipmentAmount = 4_000_000m, viaSuzhouPlatform = false,
            repayments = new object[] { new { date = "2026-06-30", amount = 1_000_000.01m } }, version = l.Version,
        };
        using (var r = await qiye.PutJsonAsync($"/api/v1/enterprise/loans/{id}", edit))
            Assert.Equal(l.Version + 1, (await r.BodyAsync(HttpStatusCode.OK))["version"]!.GetValue<long>());
        var e = await StoredAsync(id);
        Assert.Equal(("中国银行昆山分行", LoanCategory.DigitalTransformation, 4_000_000m, 0.032m, false), (e.Bank, e.Category, e.Principal, e.Rate, e.ViaSuzhouPlatform));
        Assert.Equal(new DateOnly(2027, 1, 15), e.MaturesOn);
        Assert.Equal([(new DateOnly(2026, 6, 30), 1_000_000.01m)], Rows(e));
        Assert.Equal(l.Version + 1, e.Version);

        using (var stale = await qiye.PutJsonAsync($"/api/v1/enterprise/loans/{id}", Registration(code, version: l.Version)))
            Assert.Contains("该贷款已被他人修改", (await stale.BodyAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>());
        var after = await StoredAsync(id);
        Assert.Equal((0.032m, e.Version), (after.Rate, after.Version));
        Assert.Equal(Rows(e), Rows(after));

        await using var db = app.Db();
        Assert.Equal(["登记贷款", "修改贷款"], await db.Audit.Where(a => a.Entity == "loan" && a.EntityId == code).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task Register_WithInvalidFields_IsRefusedWithChineseMessagesNamingEachField_AndNothingIsStored()
    {
        using var qiye = await app.SignInAsync("qiye");
        var before = await CountsAsync();
        var code = NewCode();
        var body = new
        {
            code, projectId = app.Data.JiaProjectIds[0], bank = "某银行", category = "EquipmentRenewal", principal = 1_000_000m,
            ratePercent = 0.0345m, issuedOn = "2025-03-01", maturesOn = "2025-02-01", equipmentAmount = 1_200_000m,
            repayments = new object[] { new { date = "2024-12-31", amount = 600_000m }, new { date = "2025-03-02", amount = 600_000m } },
        };
        using var r = await qiye.PostJsonAsync("/api/v1/enterprise/loans", body);
        var errors = await r.FieldErrorsAsync();
        Assert.Equal("所投项目不存在或不属于本企业", errors["projectId"]);
        Assert.Contains("合同年利率按百分数填写（如 3.45 表示 3.45%）", errors["ratePercent"]);
        Assert.Equal("到期日应晚于放款日", errors["maturesOn"]);
        Assert.Contains("用于设备投资的金额（", errors["equipmentAmount"]);
        Assert.Contains("不能超过贷款本金", errors["equipmentAmount"]);
        Assert.Contains("还款合计", errors["repayments"]);
        Assert.Contains("超过贷款本金", errors["repayments"]);
        Assert.Null(await FindAsync(code));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Register_ThroughTheForm_ReadsThePercentAndTheAmountsAsTyped_AndABadDateIsNamedInChinese()
    {
        using var qiye = await app.SignInAsync("qiye");
        var code = NewCode();
        List<KeyValuePair<string, string>> Form(string issuedOn) =>
        [
            new("Form.Code", code), new("Form.ProjectId", app.Data.OwnProjectId.ToString(CultureInfo.InvariantCulture)), new("Form.Bank", "昆山农村商业银行"),
            new("Form.Category", "IndustrialUpgrade"), new("Form.Principal", "2,000,000"), new("Form.RatePercent", "2.85%"),
            new("Form.IssuedOn", issuedOn), new("Form.MaturesOn", "2029-05-20"), new("Form.EquipmentAmount", "1,999,999.99"),
            new("Form.ViaSuzhouPlatform", "true"),
            new("Form.Repayments[0].Date", "2026-05-20"), new("Form.Repayments[0].Amount", "100,000.10"),
            new("Form.Repayments[1].Date", ""), new("Form.Repayments[1].Amount", ""),
        ];
        var before = await CountsAsync();
        using (var bad = await qiye.PostFormAsync("/enterprise/loans/new", Form("二〇二五年五月")))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Contains("放款日应为日期（如 2025-03-01），“二〇二五年五月”无法识别", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));
        }
        Assert.Null(await FindAsync(code));
        Assert.Equal(before, await CountsAsync());

        using (var ok = await qiye.PostFormAsync("/enterprise/loans/new", Form("2025-05-20")))
            Assert.Equal("/enterprise", Session.RedirectPath(ok));
        var l = await FindAsync(code);
        Assert.NotNull(l);
        Assert.Equal((LoanCategory.IndustrialUpgrade, 2_000_000m, 0.0285m, 1_999_999.99m, true), (l.Category, l.Principal, l.Rate, l.EquipmentAmount, l.ViaSuzhouPlatform));
        Assert.Equal([(new DateOnly(2026, 5, 20), 100_000.10m)], Rows(l));
    }

    [Fact]
    public async Task AnotherEnterprisesLoan_CannotBeReadOrEdited_OverTheApiOrTheForm_AndStaysAsItWas()
    {
        var foreign = app.Data.ForeignLoanId;
        var before = await StoredAsync(foreign);
        using var qiye = await app.SignInAsync("qiye");
        using (var read = await qiye.GetAsync($"/api/v1/enterprise/loans/{foreign}"))
            Assert.Contains("不属于本企业", (await read.BodyAsync(HttpStatusCode.Forbidden))["detail"]!.GetValue<string>());
        using (var put = await qiye.PutJsonAsync($"/api/v1/enterprise/loans/{foreign}", Registration(before.Code, version: before.Version)))
            Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        using (var form = await qiye.PostFormAsync($"/enterprise/loans/{foreign}/edit",
            [new("Form.Code", before.Code), new("Form.Principal", "1"), new("Form.Version", before.Version.ToString(CultureInfo.InvariantCulture))]))
            Assert.True(JsonCalls.IsDenied(form), $"{(int)form.StatusCode} {Session.RedirectPath(form)}");
        using (var missing = await qiye.PutJsonAsync($"/api/v1/enterprise/loans/{TestData.Missing}", Registration(NewCode(), version: 1)))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var after = await StoredAsync(foreign);
        Assert.Equal((before.Principal, before.Rate, before.Bank, before.Version, before.ProjectId), (after.Principal, after.Rate, after.Bank, after.Version, after.ProjectId));
        Assert.Equal(Rows(before), Rows(after));
    }

    [Theory]
    [InlineData("quzhen")]
    [InlineData("shiju")]
    [InlineData("yinhang")]
    public async Task AUserWhoIsNotAnEnterprise_CannotRegisterALoan(string user)
    {
        using var s = await app.SignInAsync(user);
        var before = await CountsAsync();
        var code = NewCode();
        using (var r = await s.PostJsonAsync("/api/v1/enterprise/loans", Registration(code)))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var form = await s.PostFormAsync("/enterprise/loans/new", [new("Form.Code", code)]))
            Assert.True(JsonCalls.IsDenied(form), $"{(int)form.StatusCode} {Session.RedirectPath(form)}");
        Assert.Null(await FindAsync(code));
        Assert.Equal(before, await CountsAsync());
    }
}

[Collection(SelfServiceSqliteFixture.Name)]
public sealed class LoanOnSqliteTests(SqliteApp app) : LoanTests(app);

[Collection(SelfServicePostgresFixture.Name)]
public sealed class LoanOnPostgresTests(PostgresApp app) : LoanTests(app);
