using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Renewal.Policy.Model;
using Renewal.Web.Features.Applications;
using Renewal.Web.Tests.Infrastructure;
using Renewal.Services.Workflow;
using Renewal.Data.Entities;

namespace Renewal.Web.Tests.Workflow;

/// <summary>The workflow through the JSON API and through the pages, as the people who use it.</summary>
public static partial class Flow
{
    /// <summary>An enterprise creates a draft (API). Fails unless 201.</summary>
    public static async Task<ApplicationDto> CreateAsync(Session enterprise, Scheme scheme, int year, int? projectId = null, int? loanId = null)
    {
        using var r = await enterprise.PostJsonAsync("/api/v1/applications", new CreateRequest(scheme, year, projectId, loanId));
        Assert.True(r.StatusCode == HttpStatusCode.Created, $"create: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return (await r.Content.ReadFromJsonAsync<ApplicationDto>(Session.Json))!;
    }

    public static async Task<ApplicationDto> GetAsync(Session s, int id) => await s.JsonAsync<ApplicationDto>($"/api/v1/applications/{id}");

    /// <summary>A move through the API with the version the user last saw; returns the raw answer.</summary>
    public static async Task<HttpResponseMessage> TryMoveAsync(Session s, int id, WorkflowAction action, string? comment = null, long? version = null)
    {
        version ??= (await GetAsync(s, id)).Version;
        return await s.PostJsonAsync($"/api/v1/applications/{id}/moves", new MoveRequest(action, comment, version));
    }

    /// <summary>A move that must succeed; returns the application after it.</summary>
    public static async Task<ApplicationDto> MoveAsync(Session s, int id, WorkflowAction action, string? comment = null)
    {
        using var r = await TryMoveAsync(s, id, action, comment);
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{s.UserName} {action} on {id}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return (await r.Content.ReadFromJsonAsync<ApplicationDto>(Session.Json))!;
    }

    /// <summary>The refusal of a move: status and the reason the app gave (problem details).</summary>
    public static async Task<(HttpStatusCode Status, string Reason)> RefusalAsync(HttpResponseMessage r)
    {
        var problem = await r.Content.ReadFromJsonAsync<ProblemDetails>(Session.Json);
        return (r.StatusCode, problem?.Detail ?? "");
    }

    /// <summary>Creates an application of 甲 and moves it to public notice through the API (enterprise, district, bureau).</summary>
    public static async Task<int> ToNoticeAsync(RenewalApp app, int projectId, int year)
    {
        using var jia = await app.SignInAsync("jia");
        using var district = await app.SignInAsync("quzhen");
        using var bureau = await app.SignInAsync("shiju");
        var a = await CreateAsync(jia, Scheme.EffectiveInvestment, year, projectId);
        await MoveAsync(jia, a.Id, WorkflowAction.Submit);
        await MoveAsync(district, a.Id, WorkflowAction.Accept);
        await MoveAsync(district, a.Id, WorkflowAction.DistrictApprove);
        var inNotice = await MoveAsync(bureau, a.Id, WorkflowAction.BureauApprove);
        Assert.Equal(Renewal.Data.Entities.ApplicationState.PublicNotice, inNotice.State);
        return a.Id;
    }

    /// <summary>Moves the app's clock past any notice that started today (5 working days fit in 8 calendar days).</summary>
    public static void PassTheNotice(RenewalApp app) => app.Clock.Advance(TimeSpan.FromDays(8));

    // ── pages ───────────────────────────────────────────────────────────────────────────────────

    /// <summary>The enterprise fills in 新建申报 and lands on the new draft's page; returns its id.</summary>
    public static async Task<(int Id, string Html)> CreateOnPageAsync(Session enterprise, Scheme scheme, int year, int? projectId)
    {
        var form = await enterprise.PageAsync("/applications/new");
        Assert.Contains("新建申报", form);
        var fields = new Dictionary<string, string> { ["Scheme"] = scheme.ToString(), ["Year"] = year.ToString() };
        if (projectId is { } p) fields["ProjectId"] = p.ToString();
        using var r = await enterprise.PostFormAsync("/applications/new", fields);
        var to = Session.RedirectPath(r);
        Assert.True(r.StatusCode == HttpStatusCode.Redirect && to is not null, $"create on page: {(int)r.StatusCode} {Session.ErrorText(await r.Content.ReadAsStringAsync())}");
        return (int.Parse(AppId().Match(to!).Groups[1].Value), await enterprise.PageAsync(to!));
    }

    /// <summary>
    /// On the application's page, presses the button of <paramref name="action"/> (which must be offered, labelled in
    /// Chinese), with the version the page showed; follows the redirect and returns the page after the move.
    /// </summary>
    public static async Task<string> PressAsync(Session s, int id, WorkflowAction action, string? comment = null)
    {
        var page = await s.PageAsync($"/applications/{id}");
        Assert.True(page.Contains($">{Labels.Of(action)}</button>", StringComparison.Ordinal), $"{s.UserName} is not offered “{Labels.Of(action)}” on application {id}");
        return await PostMoveAsync(s, id, action, VersionOn(page), comment);
    }

    /// <summary>Posts a move form whether or not the page offers it (a forged or stale form).</summary>
    public static async Task<string> PostMoveAsync(Session s, int id, WorkflowAction action, long version, string? comment = null)
    {
        var fields = new Dictionary<string, string> { ["action"] = action.ToString(), ["version"] = version.ToString() };
        if (comment is not null) fields["comment"] = comment;
        var (post, html) = await s.SubmitFormAsync($"/applications/{id}?handler=Move", fields);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        return html;
    }

    /// <summary>The version in the page's move forms.</summary>
    public static long VersionOn(string html) => long.Parse(VersionInput().Match(html) is { Success: true } m ? m.Groups[1].Value : "0");

    /// <summary>The state label in the page's heading, e.g. 公示中.</summary>
    public static string StateOn(string html) => StateTag().Match(html).Groups[1].Value;

    [GeneratedRegex(@"/applications/(\d+)")]
    private static partial Regex AppId();

    [GeneratedRegex("name=\"version\" value=\"(-?\\d+)\"")]
    private static partial Regex VersionInput();

    [GeneratedRegex("<h1>[^<]*<span class=\"tag\">([^<]+)</span>")]
    private static partial Regex StateTag();
}
