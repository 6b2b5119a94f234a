using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Renewal.Web.Features.Candidates;
using Renewal.Web.Tests.Infrastructure;
using Renewal.Services.Candidates;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Web.Tests.Candidates;

/// <summary>
/// Renewal candidates over HTTP: a district sees its own area only (whatever it asks for), an enterprise only itself,
/// the bureau the city; drill-down shows reasons and suggestions; the xlsx has Chinese headers and the same scope.
/// Expected counts are taken from the database with plain queries, not from the code under test.
/// </summary>
public abstract class CandidatesTests(RenewalApp app)
{
    private const int Year = 2026;

    [Fact]
    public async Task ADistrict_SeesOnlyItsArea_EvenWhenItAsksForAnother()
    {
        using var db = app.Db();
        var area = app.Data.DistrictArea;
        var other = await db.Enterprises.Where(e => e.Area != area).Select(e => e.Area).FirstAsync();
        using var s = await app.SignInAsync("quzhen");

        foreach (var query in new[] { "", "&area=" + Uri.EscapeDataString(other) })
        {
            var page = await s.JsonAsync<CandidatePage>($"/api/v1/candidates?year={Year}&pageSize=200{query}");
            var a = Assert.Single(page.Areas);
            Assert.Equal(area, a.Area);
            Assert.Equal(await db.Enterprises.CountAsync(e => e.Area == area), a.Enterprises);
            Assert.Equal(await db.Equipment.CountAsync(i => i.Enterprise!.Area == area), page.Total.Items);
            Assert.All(page.Items, e => Assert.Equal(area, e.Area));
        }

        var html = await s.PageAsync($"/candidates?Filter.Area={Uri.EscapeDataString(other)}");
        Assert.Contains(area, html, StringComparison.Ordinal);
        Assert.DoesNotContain($"<td>{other}</td>", html, StringComparison.Ordinal);

        // Drill-down into an enterprise outside the area: refused, on the page and in the API.
        var foreign = await db.Enterprises.Where(e => e.Area != area).Select(e => e.CreditCode).FirstAsync();
        using var refused = await s.GetAsync($"/candidates/{foreign}");
        Assert.StartsWith("/account/denied", Session.RedirectPath(refused));
        using var api = await s.GetAsync($"/api/v1/candidates/{foreign}");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
    }

    [Fact]
    public async Task TheBureau_SeesTheCity_FilteredByRule()
    {
        using var db = app.Db();
        using var s = await app.SignInAsync("shiju");
        var page = await s.JsonAsync<CandidatePage>($"/api/v1/candidates?year={Year}&rule=R-2&pageSize=10");
        Assert.Equal(await db.Equipment.CountAsync(), page.Total.Items);
        Assert.Equal(await db.Enterprises.Select(e => e.Area).Distinct().CountAsync(), page.Areas.Count);
        Assert.True(page.Items.Count <= 10);
        Assert.All(page.Items, e => Assert.True(e.Counts.R2Items > 0));
        Assert.Equal(page.Areas.Sum(a => a.Counts.R2Items), page.Total.R2Items);

        using var bad = await s.GetAsync("/api/v1/candidates?rule=R-7");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("R-1、R-2、R-3 或 R-4", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEnterprise_SeesItsOwnItemsOnly()
    {
        using var s = await app.SignInAsync("qiye");
        var page = await s.JsonAsync<CandidatePage>($"/api/v1/candidates?year={Year}");
        Assert.All(page.Items, e => Assert.Equal(app.Data.DemoCreditCode, e.CreditCode));
        using var db = app.Db();
        Assert.Equal(await db.Equipment.CountAsync(i => i.Enterprise!.CreditCode == app.Data.DemoCreditCode), page.Total.Items);

        using var list = await s.GetAsync("/candidates");
        Assert.Equal($"/candidates/{app.Data.DemoCreditCode}", Session.RedirectPath(list));

        var own = await s.JsonAsync<EnterpriseCandidateItems>($"/api/v1/candidates/{app.Data.DemoCreditCode}?year={Year}");
        Assert.Equal(page.Total.Items, own.Items.Count);
        Assert.All(own.Items, i => Assert.Equal(own.Enterprise.Id, i.EnterpriseId));

        using var other = await s.GetAsync($"/api/v1/candidates/{app.Data.OtherCreditCode}");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        using var otherPage = await s.GetAsync($"/candidates/{app.Data.OtherCreditCode}");
        Assert.StartsWith("/account/denied", Session.RedirectPath(otherPage));
    }

    [Fact]
    public async Task DrillDown_ShowsEachReasonWithItsSuggestion()
    {
        using var s = await app.SignInAsync("shiju");
        var page = await s.JsonAsync<CandidatePage>($"/api/v1/candidates?year={Year}&pageSize=10");
        var top = page.Items[0];
        var items = await s.JsonAsync<EnterpriseCandidateItems>($"/api/v1/candidates/{top.CreditCode}?year={Year}");
        Assert.Equal(top.Counts.CandidateItems, items.Items.Count(i => i.Reasons.Count > 0));
        var reason = items.Items.SelectMany(i => i.Reasons).First();

        var html = await s.PageAsync($"/candidates/{top.CreditCode}?year={Year}");
        Assert.Contains(top.Name, html, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(reason.Detail), html, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(reason.Suggestion), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xlsx_HasChineseHeaders_AndTheDistrictsScope()
    {
        using var s = await app.SignInAsync("quzhen");
        using var r = await s.GetAsync($"/candidates?handler=Xlsx&Filter.Year={Year}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await r.Content.ReadAsByteArrayAsync()));
        string Part(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return reader.ReadToEnd();
        }
        var enterprises = Part("xl/worksheets/sheet2.xml");
        Assert.All(CandidateWorkbook.EnterpriseHeaders, h => Assert.Contains($">{h}<", enterprises, StringComparison.Ordinal));
        var items = Part("xl/worksheets/sheet3.xml");
        Assert.All(CandidateWorkbook.ItemHeaders, h => Assert.Contains($">{h}<", items, StringComparison.Ordinal));
        // The area sheet holds the district's area and the total, nothing else.
        var areas = Part("xl/worksheets/sheet1.xml");
        Assert.Contains($">{app.Data.DistrictArea}<", areas, StringComparison.Ordinal);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(areas, "<row "));
    }
}

[Collection(SqliteFixture.Name)]
public sealed class CandidatesOnSqliteTests(SqliteApp app) : CandidatesTests(app);

[Collection(PostgresFixture.Name)]
public sealed class CandidatesOnPostgresTests(PostgresApp app) : CandidatesTests(app);
