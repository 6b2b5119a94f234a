using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Policy.Model;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Security;

/// <summary>
/// A bank sees only what concerns the projects it may see (those with a financing need): the enterprise-wide
/// technical renovation award (C), computed from all the enterprise's projects, is not shown to it (ADR-015); of the
/// loans, only its own bank's (issue 12 item 7), so another bank's loan terms never reach it through a D line.
/// </summary>
[Collection(SqliteFixture.Name)]
public sealed class BankVisibilityTests(SqliteApp app)
{
    /// <summary>The schemes of the lines, a D line only when its loan is in <paramref name="loans"/> (all when null).</summary>
    private static List<string> Schemes(JsonElement evaluation, HashSet<string>? loans = null) =>
        [.. evaluation.GetProperty("awards").EnumerateArray()
            .Where(a => loans is null || a.GetProperty("scheme").GetString() != "loan_interest" || loans.Contains(a.GetProperty("loan").GetString()!))
            .Select(a => a.GetProperty("scheme").GetString()!)];

    /// <summary>The demo bank's loan codes.</summary>
    private HashSet<string> BanksLoans()
    {
        using var db = app.Db();
        var bank = db.Users.AsNoTracking().Single(u => u.UserName == "yinhang").Bank;
        Assert.False(string.IsNullOrEmpty(bank), "the demo bank user is bound to a bank");
        return [.. db.Loans.AsNoTracking().Where(l => l.Bank == bank).Select(l => l.Code)];
    }

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
        var own = BanksLoans();
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
                // Everything else the bank sees is what the bureau sees for the project, of the loans its own bank's only.
                Assert.Equal(Schemes(await bureau.JsonAsync<JsonElement>(path), own).Where(s => s != c), banks);
                if (governments.Contains(c)) shown ??= (id, year);
            }
        }
        Assert.True(shown is not null, "no evaluation with a C line among the bank's projects: the test proves nothing");

        // The project page: the bureau reads the C-2 test on the enterprise's investment, the bank does not.
        var page = $"/library/projects/{shown.Value.Id}?year={shown.Value.Year}";
        Assert.Contains("年技改投入", await bureau.PageAsync(page));
        Assert.DoesNotContain("年技改投入", await bank.PageAsync(page));
    }

    private static List<string> CapSteps(JsonElement evaluation, HashSet<string>? loans = null) =>
        [.. evaluation.GetProperty("awards").EnumerateArray()
            .Where(a => loans is null || (a.GetProperty("loan").GetString() is { } l && loans.Contains(l)))
            .SelectMany(a => a.GetProperty("trace").EnumerateArray().Select(t => t.GetProperty("text").GetString()!))
            .Where(t => t.Contains("单个企业年度上限", StringComparison.Ordinal))];

    [Fact]
    public async Task TheBanksLoanLines_KeepTheirAmounts_ButNotTheEnterpriseCapsSumOverAllTheEnterprisesLoans()
    {
        using var db = app.Db();
        // Each loan is read by a user of its own bank (a bank sees its own loans only): one account per lending bank.
        var loans = await db.Loans.AsNoTracking().Where(l => l.Project!.FinancingNeed > 0 && l.Bank != null).Select(l => new { l.ProjectId, l.Code, Bank = l.Bank! }).ToListAsync();
        var projects = loans.Select(l => l.ProjectId).Distinct().Order().Take(15).ToList();
        Assert.NotEmpty(projects);
        using var bureau = await app.SignInAsync("shiju");
        var banks = new Dictionary<string, Session>(StringComparer.Ordinal);
        var redacted = 0;
        try
        {
            foreach (var id in projects)
            {
                foreach (var lender in loans.Where(l => l.ProjectId == id).Select(l => l.Bank).Distinct())
                {
                    if (!banks.TryGetValue(lender, out var bank))
                    {
                        var name = $"bankvis{banks.Count + 1}";
                        if (!await db.Users.AnyAsync(u => u.UserName == name)) await app.AddAccountAsync(name, Renewal.Data.Entities.Role.Bank, bank: lender);
                        banks[lender] = bank = await app.SignInAsync(name);
                    }
                    var own = loans.Where(l => l.Bank == lender).Select(l => l.Code).ToHashSet(StringComparer.Ordinal);
                    foreach (var year in new[] { 2024, 2025, 2026 })
                    {
                        var path = $"/api/v1/projects/{id}/evaluation?year={year}";
                        var governments = await bureau.JsonAsync<JsonElement>(path);
                        var theBanks = await bank.JsonAsync<JsonElement>(path);
                        IEnumerable<(string?, string?, decimal)> Amounts(JsonElement e, HashSet<string>? only) => e.GetProperty("awards").EnumerateArray()
                            .Where(a => a.GetProperty("scheme").GetString() == "loan_interest" && (only is null || only.Contains(a.GetProperty("loan").GetString()!)))
                            .Select(a => (a.GetProperty("loan").GetString(), a.GetProperty("level").GetString(), a.GetProperty("amount").GetDecimal()));
                        // Its own loans' lines with their amounts; no line of another bank's loan.
                        Assert.Equal(Amounts(governments, own), Amounts(theBanks, null));
                        var theirs = CapSteps(governments, own);
                        Assert.All(CapSteps(theBanks), t => Assert.Equal("单个企业年度上限：按该企业全部贷款合计核定（其中含银行不可见的项目，合计不予显示）", t));
                        Assert.Equal(theirs.Count, CapSteps(theBanks).Count);
                        Assert.All(theirs, t => Assert.Contains("合计", t));
                        redacted += theirs.Count;
                    }
                }
            }
        }
        finally
        {
            foreach (var b in banks.Values) b.Dispose();
        }
        Assert.True(redacted > 0, "no enterprise cap step among the banks' loans: the test proves nothing");
    }
}
