using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Testing;
using Renewal.Web.Tests.Infrastructure;
using Renewal.Web.Tests.Reports;
using Renewal.Web.Tests.Workflow;
using Enterprise = Renewal.Data.Entities.Enterprise;
using Project = Renewal.Data.Entities.Project;

namespace Renewal.Web.Tests.Language;

/// <summary>
/// A civil servant reads neither our identifiers nor our rule sources: signed in as each role, every page reachable
/// by links from the home page (bounded), and the workbooks and PDFs those pages link to, show no vocabulary code
/// (smart_factory_demo, equipment_manufacturing, machine_tool …), no “Annex §”, no “ASSUMED” and no interpretation
/// “I-n” without its words (本平台解释 I-n：…). Only the text people see is read: tags, scripts and attribute values
/// (form values, links) are not.
/// </summary>
public abstract partial class NoCodesOnPagesTests(RenewalApp app)
{
    private const int PagesPerRole = 90;
    private const int PagesPerShape = 3;

    /// <summary>An enterprise (戊, account wu) with a B award approved for 2025: its pages, the application page and the award notice PDF have every kind of text.</summary>
    private static readonly ConcurrentDictionary<RenewalApp, Lazy<Task<int>>> Setups = new();

    private Task<int> Ready() => Setups.GetOrAdd(app, a => new Lazy<Task<int>>(() => CreateAsync(a))).Value;

    /// <summary>The shared case revisions/js-2024-08.yaml: the province waives D-E4 and D-E5 from 23 August 2024.</summary>
    private const string JsRevision = """
        revision:
          id: JS-2024-08
          title: 江苏省制造业贷款财政贴息政策调整（省级取消 LPR+50BP 与 500 万元设备投资条件）
          source: 2024 年 8 月公开报道的江苏省调整（以正式文件为准）
          published_on: 2024-08-23
          values:
            loan.province.waived:
              - { from: 2024-08-23, value: [D-E4, D-E5], source: JS-2024-08 }
        """;

    private static async Task<int> CreateAsync(RenewalApp app)
    {
        Poppler.EnsureFont();
        const string first17 = "91320583MA1R3P7W5";
        var code = first17 + CreditCode.CheckCharacter(first17);
        int enterpriseId, projectId;
        await using (var db = app.Db())
        {
            var e = new Enterprise
            {
                CreditCode = code, Name = "戊智能装备（昆山）有限公司", Area = app.Data.DistrictArea, IndustryCode = "C3421", AboveScale = true,
                Projects = [new Project
                {
                    Code = "WU-01", Name = "戊公司智能工厂产线", Kind = ProjectKind.Expansion, Status = ProjectStatus.InProgress,
                    Clusters = ["equipment_manufacturing"], DigitalScopes = ["smart_factory_demo", "scenario_5g"], Tasks = [2, 7],
                    Investments = [new ProjectInvestment { Year = 2025, Equipment = 40_000_000m, Digital = 10_000_000m }],
                }],
            };
            db.Enterprises.Add(e);
            await db.SaveChangesAsync();
            (enterpriseId, projectId) = (e.Id, e.Projects[0].Id);
            db.Equipment.Add(new EquipmentItem { EnterpriseId = e.Id, Code = "WU-ZC-1", Type = "machine_tool", Name = "数控车床", CommissioningYear = 2010 });
            db.Equipment.Add(new EquipmentItem { EnterpriseId = e.Id, Code = "WU-ZC-2", Type = "cleanroom_hvac", Name = "洁净空调机组", CommissioningYear = 2008 });
            await db.SaveChangesAsync();
            await app.AddAccountAsync("wu", Role.Enterprise, creditCode: code);
        }
        using var wu = await app.SignInAsync("wu");
        using var district = await app.SignInAsync("quzhen");
        using var bureau = await app.SignInAsync("shiju");
        var created = await Flow.CreateAsync(wu, Scheme.EffectiveInvestment, 2025, projectId);
        await Flow.MoveAsync(wu, created.Id, WorkflowAction.Submit);
        await Flow.MoveAsync(district, created.Id, WorkflowAction.Accept);
        await Flow.MoveAsync(district, created.Id, WorkflowAction.DistrictApprove);
        await Flow.MoveAsync(bureau, created.Id, WorkflowAction.BureauApprove);
        Flow.PassTheNotice(app);
        using var later = await app.SignInAsync("shiju");
        var approved = await Flow.MoveAsync(later, created.Id, WorkflowAction.Approve);
        Assert.Equal(ApplicationState.Approved, approved.State);
        // A published revision of the rules (JS-2024-08, drafted by admin, published by admin2): 政策参数 shows its layer
        // and the draft of the fixture (TestData.RevisionDraftId) its impact; both pages are read by the crawl.
        using var admin = await app.SignInAsync("admin");
        using var drafted = await admin.Client.PostAsync("/api/v1/rules/revisions",
            new StringContent(JsRevision, System.Text.Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.Created, drafted.StatusCode);
        var revision = System.Text.Json.JsonDocument.Parse(await drafted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        using var admin2 = await app.SignInAsync("admin2");
        using var published = await admin2.PostJsonAsync($"/api/v1/rules/revisions/{revision}/publish", new { });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        return enterpriseId;
    }

    [Theory]
    [InlineData("wu")]
    [InlineData("qiye")]
    [InlineData("quzhen")]
    [InlineData("shiju")]
    [InlineData("caizheng")]
    [InlineData("yinhang")]
    [InlineData("admin")]
    public async Task EveryPageOfTheRole_ShowsWordsNotCodes(string user)
    {
        var enterpriseId = await Ready();
        using var s = await app.SignInAsync(user);
        var start = new List<string> { "/" };
        // Downloads the pages link to, and the award notice itself for those who may read it.
        if (user is "wu" or "shiju" or "quzhen" or "caizheng" or "admin") start.Add($"/reports/award-notice?enterprise={enterpriseId}&year=2025");
        // 政策参数 and the revisions it links to (a published one, the fixture's draft with its impact), for the bureau.
        if (user is "shiju" or "admin") start.Add("/rules");
        var (read, offences) = await CrawlAsync(s, start);
        Assert.True(offences.Count == 0,
            $"{user}: {offences.Count} places show an identifier instead of words (of {read.Count} pages read):\n" + string.Join("\n", offences.Take(40)));
        Assert.True(read.Count >= 3, $"{user} read only {string.Join(", ", read)}");
        if (start.Count > 1) Assert.Contains(start[1], read);
        if (user is "shiju" or "admin") Assert.True(read.Count(p => p.StartsWith("/rules/drafts/", StringComparison.Ordinal)) >= 2, string.Join(", ", read));
        if (user is "admin") Assert.Contains(read, p => p.StartsWith("/rules/drafts/new", StringComparison.Ordinal));
    }

    /// <summary>English pages may use English words, but still never a raw identifier, “Annex §” or “ASSUMED”.</summary>
    [Theory]
    [InlineData("shiju")]
    [InlineData("wu")]
    public async Task EveryEnglishPage_ShowsWordsNotCodes(string user)
    {
        var enterpriseId = await Ready();
        using var s = await app.SignInAsync(user);
        using (var switched = await s.GetAsync("/lang/en?returnUrl=%2F")) Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains("Project library", await s.PageAsync("/library"), StringComparison.Ordinal);
        var (read, offences) = await CrawlAsync(s, ["/", $"/reports/award-notice?enterprise={enterpriseId}&year=2025", .. user == "shiju" ? ["/rules"] : Array.Empty<string>()], english: true);
        Assert.True(offences.Count == 0,
            $"{user} (English): {offences.Count} places show an identifier (of {read.Count} pages read):\n" + string.Join("\n", offences.Take(40)));
        Assert.True(read.Count >= 3, $"{user} read only {string.Join(", ", read)}");
    }

    /// <summary>The checker itself: it sees what it is meant to see, and nothing in attribute values or scripts.</summary>
    [Fact]
    public void TheChecker_FindsCodesInTextOnly()
    {
        Assert.Contains(Offences("<p>依据 <span>[Annex §2(1)2]</span></p>"), o => o.Contains("Annex §", StringComparison.Ordinal));
        Assert.Contains(Offences("<td>smart_factory_demo</td>"), o => o.Contains("smart_factory_demo", StringComparison.Ordinal));
        Assert.Contains(Offences("<td>类型 machine_tool</td>"), o => o.Contains("machine_tool", StringComparison.Ordinal));
        Assert.Contains(Offences("<span>含假设参数 ASSUMED</span>"), o => o.Contains("ASSUMED", StringComparison.Ordinal));
        Assert.Contains(Offences("<li>A/B 就高不重复（I-5）</li>"), o => o.Contains("I-5", StringComparison.Ordinal));
        Assert.Empty(Offences("<li>就高不重复（本平台解释 I-5：示范项目奖励与有效投入奖补就高不重复）</li>"));
        Assert.Empty(Offences("<option value=\"equipment_manufacturing\">装备制造</option><script>var k = 'smart_factory_demo';</script>"));
        Assert.Empty(Offences("<p>细则二（一）2（B-3），暂定值，待市局确定；D-E4</p>"));
        Assert.Empty(Offences("<pre data-raw=\"revision-file\">values:\n  loan.province.waived: [D-E4]</pre>"));
        Assert.Contains(Offences("<pre>loan.province.waived</pre>"), o => o.Contains("province", StringComparison.Ordinal));
    }

    private async Task<(List<string> Read, List<string> Offences)> CrawlAsync(Session s, IEnumerable<string> start, bool english = false)
    {
        var queue = new Queue<string>(start);
        var seen = new HashSet<string>(queue, StringComparer.Ordinal);
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var read = new List<string>();
        var offences = new List<string>();
        while (queue.Count > 0 && read.Count < PagesPerRole)
        {
            var path = queue.Dequeue();
            using var r = await s.GetAsync(path);
            if (Session.RedirectPath(r) is { } to && to.StartsWith('/') && !Skipped().IsMatch(to) && seen.Add(to)) queue.Enqueue(to); // the bank's home is the library
            if (r.StatusCode != HttpStatusCode.OK) continue; // redirects, 404 of an empty year
            read.Add(path);
            var type = r.Content.Headers.ContentType?.MediaType ?? "";
            var bytes = await r.Content.ReadAsByteArrayAsync();
            if (type == "application/pdf")
            {
                var pdf = PdfTools.Save(bytes);
                try { offences.AddRange(Check(PdfTools.Text(pdf), english).Select(o => $"{path} (PDF): {o}")); }
                finally { File.Delete(pdf); }
                continue;
            }
            if (type.Contains("spreadsheetml", StringComparison.Ordinal))
            {
                offences.AddRange(Check(WorkbookText(bytes), english).Select(o => $"{path} (xlsx): {o}"));
                continue;
            }
            if (!type.Contains("html", StringComparison.Ordinal)) continue;
            var html = Encoding.UTF8.GetString(bytes);
            offences.AddRange(Offences(html, english).Select(o => $"{path}: {o}"));
            foreach (Match m in Link().Matches(html))
            {
                var href = WebUtility.HtmlDecode(m.Groups[1].Value);
                if (!href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal)) continue;
                if (Skipped().IsMatch(href)) continue;
                var shape = Shape(href);
                if (!seen.Add(href)) continue;
                var n = shapes.GetValueOrDefault(shape);
                if (n >= PagesPerShape) continue;
                shapes[shape] = n + 1;
                queue.Enqueue(href);
            }
        }
        return (read, offences);
    }

    /// <summary>/library/projects/123?page=2 → /library/projects/#?page: pages of one kind are read a few times, not all.</summary>
    private static string Shape(string href)
    {
        var q = href.IndexOf('?', StringComparison.Ordinal);
        var path = Digits().Replace(q < 0 ? href : href[..q], "#");
        var keys = q < 0 ? "" : string.Join("&", href[(q + 1)..].Split('&').Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal));
        return path + "?" + keys;
    }

    /// <summary>What a person sees of an HTML page: no scripts, styles or tags (so no attribute values), entities decoded.</summary>
    private static IEnumerable<string> Offences(string html, bool english = false)
    {
        var text = Tag().Replace(Script().Replace(html, " "), "\n");
        return Check(WebUtility.HtmlDecode(text), english);
    }

    private static Regex CodeRegex(IEnumerable<string> codes) => new(
        @"(?<![A-Za-z0-9_])(?:" + string.Join("|", codes.OrderByDescending(c => c.Length).Select(Regex.Escape)) + @")(?![A-Za-z0-9_])",
        RegexOptions.CultureInvariant);

    // Every identifier on a Chinese page; on an English page the words “new” or “central” are English, so only snake_case.
    private static readonly Lazy<Regex> CodePattern = new(() => CodeRegex(Vocabulary.AllCodes));
    private static readonly Lazy<Regex> EnglishCodePattern = new(() => CodeRegex(Vocabulary.AllCodes.Where(c => c.Contains('_', StringComparison.Ordinal))));

    private static IEnumerable<string> Check(string text, bool english = false)
    {
        foreach (var line in text.Split('\n').Select(l => Spaces().Replace(l, " ").Trim()).Where(l => l.Length > 0))
        {
            foreach (Match m in (english ? EnglishCodePattern : CodePattern).Value.Matches(line)) yield return $"code “{m.Value}” in “{Snippet(line, m.Index)}”";
            foreach (Match m in Annex().Matches(line)) yield return $"“{m.Value}” in “{Snippet(line, m.Index)}”";
            foreach (Match m in Assumed().Matches(line)) yield return $"“ASSUMED” in “{Snippet(line, m.Index)}”";
            foreach (Match m in BareInterpretation().Matches(line)) yield return $"“{m.Value}” without its words in “{Snippet(line, m.Index)}”";
        }
    }

    private static string Snippet(string line, int at)
    {
        var from = Math.Max(0, at - 40);
        return line[from..Math.Min(line.Length, at + 60)];
    }

    /// <summary>Every text of every sheet of a workbook (shared strings and inline strings).</summary>
    private static string WorkbookText(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        var sb = new StringBuilder();
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var stream = entry.Open();
            var doc = XDocument.Load(stream);
            foreach (var t in doc.Descendants(ns + "t")) sb.Append(t.Value).Append('\n');
        }
        return sb.ToString();
    }

    [GeneratedRegex("<a\\b[^>]*\\bhref=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    // Sign-out, the language switch (English pages may use English words), the API explorer and the API itself.
    [GeneratedRegex(@"^/(?:account/signout|lang/|scalar|api/|openapi|css/|js/|lib/)", RegexOptions.IgnoreCase)]
    private static partial Regex Skipped();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    // A revision file shown as it is stored (data-raw: its keys are the parameters' ids, its words are on the page beside it).
    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?</\1\s*>|<(pre|textarea)\b[^>]*\bdata-raw\b[^>]*>.*?</\2\s*>|<!--.*?-->", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Script();

    [GeneratedRegex("<[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t\r\u00A0]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"Annex\s*§[^\s，。；）\]]*")]
    private static partial Regex Annex();

    [GeneratedRegex(@"(?<![A-Za-z])ASSUMED(?![A-Za-z])")]
    private static partial Regex Assumed();

    [GeneratedRegex(@"(?<!本平台解释\s?)(?<![A-Za-z0-9_-])I-\d+(?![0-9])")]
    private static partial Regex BareInterpretation();
}

/// <summary>
/// An app of its own: the crawl adds an enterprise with an approved award and moves the clock past the public notice,
/// which the shared fixture's tests (counting projects, timing the notice) must not see. The words on the pages do not
/// depend on the database provider, so SQLite is enough.
/// </summary>
public sealed class CrawledApp() : RenewalApp("sqlite");

[CollectionDefinition(Name)]
public sealed class CrawledFixture : ICollectionFixture<CrawledApp>
{
    public const string Name = "web on SQLite, crawled";
}

[Collection(CrawledFixture.Name)]
public sealed class NoCodesOnPagesOnSqliteTests(CrawledApp app) : NoCodesOnPagesTests(app);
