using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Policy.Model;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Security;

/// <summary>
/// A bank sees only what concerns the projects it may see (those with a financing need): the enterprise-wide
/// technical renovation award (C), computed from all the enterprise's projects, is not shown to it (ADR-015).
/// </summary>
[Collection(SqliteFixture.Name)]
public sealed class BankVisibilityTests(SqliteApp app)
{
    private static List<string> Schemes(JsonElement evaluation) =>
        [.. evaluation.GetProperty("awards").EnumerateArray().Select(a => a.GetProperty("scheme").GetString()!)];

    [Fact]
    public async Task TheBanksEvaluationOfAProject_HasNoEnterpriseWideLine_WhereTheBureausHasOne()
    {
        var c = Codes.Of(Scheme.TechRenovation);
        using var db = app.Db();
        // Projects the bank may see whose enterprise also has a project the bank may not see.
        var candidates = await db.Projects.AsNoTracking()
            .Where(p => p.FinancingNeed > 0 && p.Enterprise!.Projects.Any(o => !(o.FinancingNeed > 0)))
            .OrderBy(p => p.Id).Select(p => p.Id).Take(20).ToListAsync();
        Assert.NotEmpty(candidates);
        using var bank = await app.SignInAsync("yinhang");
        using var bureau = await app.SignInAsync("shiju");
        (int Id, int Year)? shown = null;
        foreach (var id in candidates)
        {
            foreach (var year in new[] { 2024, 2025, 2026 })
            {
                var path = $"/api/v1/projects/{id}/evaluation?year={year}";
                var governments = Schemes(await bureau.JsonAsync<JsonElement>(path));
                var banks = Schemes(await bank.JsonAsync<JsonElement>(path));
                Assert.DoesNotContain(c, banks);
                // Everything else the bank sees is what the bureau sees for the project.
                Assert.Equal(governments.Where(s => s != c), banks);
                if (governments.Contains(c)) shown ??= (id, year);
            }
        }
        Assert.True(shown is not null, "no evaluation with a C line among the bank's projects: the test proves nothing");

        // The project page: the bureau reads the C-2 test on the enterprise's investment, the bank does not.
        var page = $"/library/projects/{shown.Value.Id}?year={shown.Value.Year}";
        Assert.Contains("年技改投入", await bureau.PageAsync(page));
        Assert.DoesNotContain("年技改投入", await bank.PageAsync(page));
    }

    private static List<string> CapSteps(JsonElement evaluation) =>
        [.. evaluation.GetProperty("awards").EnumerateArray()
            .SelectMany(a => a.GetProperty("trace").EnumerateArray().Select(t => t.GetProperty("text").GetString()!))
            .Where(t => t.Contains("单个企业年度上限", StringComparison.Ordinal))];

    [Fact]
    public async Task TheBanksLoanLines_KeepTheirAmounts_ButNotTheEnterpriseCapsSumOverAllTheEnterprisesLoans()
    {
        using var db = app.Db();
        var projects = await db.Loans.AsNoTracking().Where(l => l.Project!.FinancingNeed > 0).Select(l => l.ProjectId).Distinct().OrderBy(id => id).Take(15).ToListAsync();
        Assert.NotEmpty(projects);
        using var bank = await app.SignInAsync("yinhang");
        using var bureau = await app.SignInAsync("shiju");
        var redacted = 0;
        foreach (var id in projects)
        {
            foreach (var year in new[] { 2024, 2025, 2026 })
            {
                var path = $"/api/v1/projects/{id}/evaluation?year={year}";
                var governments = await bureau.JsonAsync<JsonElement>(path);
                var banks = await bank.JsonAsync<JsonElement>(path);
                static IEnumerable<(string?, string?, decimal)> Amounts(JsonElement e) => e.GetProperty("awards").EnumerateArray()
                    .Where(a => a.GetProperty("scheme").GetString() == "loan_interest")
                    .Select(a => (a.GetProperty("loan").GetString(), a.GetProperty("level").GetString(), a.GetProperty("amount").GetDecimal()));
                Assert.Equal(Amounts(governments), Amounts(banks));
                var theirs = CapSteps(governments);
                Assert.All(CapSteps(banks), t => Assert.Equal("单个企业年度上限：按该企业全部贷款合计核定（其中含银行不可见的项目，合计不予显示）", t));
                Assert.Equal(theirs.Count, CapSteps(banks).Count);
                Assert.All(theirs, t => Assert.Contains("合计", t));
                redacted += theirs.Count;
            }
        }
        Assert.True(redacted > 0, "no enterprise cap step among the bank's loans: the test proves nothing");
    }
}
