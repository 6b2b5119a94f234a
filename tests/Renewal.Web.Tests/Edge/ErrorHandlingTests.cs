using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Edge;

/// <summary>
/// A failure in the middle of a request is answered in place: the request is not run again (a re-run POST against
/// /error failed antiforgery and answered an empty 400), a form gets a page in Chinese, the API a ProblemDetails with a
/// Chinese title.
/// </summary>
[Collection(ProductionFixture.Name)]
public sealed class ErrorHandlingTests(ProductionApp app)
{
    [Fact]
    public async Task AFormPost_ThatFails_GetsAnErrorPage_AndIsNotRunAgain()
    {
        using var shiju = await app.SignInAsync("shiju");
        await shiju.TokenAsync(); // taken before the fault, as the browser had it on the page
        int before;
        using (var db = app.Db()) before = await db.Objections.CountAsync();
        app.Failure.Arm();
        HttpResponseMessage r;
        try
        {
            r = await shiju.PostFormAsync($"/applications/{app.Data.NoticeApplicationId}?handler=Objection", [new("content", "发票与合同不符")]);
        }
        finally
        {
            app.Failure.Armed = false;
        }
        using (r)
        {
            var html = await r.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.InternalServerError, r.StatusCode);
            Assert.StartsWith("text/html", r.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
            Assert.Contains("服务器内部错误", html);
            Assert.Equal(1, app.Failure.Attempts); // the page handler ran once: the POST was not re-executed
            Assert.Equal("nosniff", string.Join(",", r.Headers.GetValues("X-Content-Type-Options")));
        }
        using var after = app.Db();
        Assert.Equal(before, await after.Objections.CountAsync());
    }

    [Fact]
    public async Task AnApiPost_ThatFails_IsProblemDetailsWithAChineseTitle_AndIsNotRunAgain()
    {
        using var shiju = await app.SignInAsync("shiju");
        app.Failure.Arm();
        HttpResponseMessage r;
        try
        {
            r = await shiju.PostJsonAsync($"/api/v1/applications/{app.Data.NoticeApplicationId}/objections", new { content = "发票与合同不符" });
        }
        finally
        {
            app.Failure.Armed = false;
        }
        using (r)
        {
            Assert.Equal(HttpStatusCode.InternalServerError, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
            Assert.Equal("服务器内部错误", (string?)problem["title"]);
            Assert.Equal(500, (int?)problem["status"]);
            Assert.Equal(1, app.Failure.Attempts);
        }
    }

    [Fact]
    public async Task AFormPost_WithAStaleToken_GetsAPageThatSaysWhat_NotAnEmpty400()
    {
        using var shiju = await app.SignInAsync("shiju");
        using var r = await shiju.Client.PostAsync($"/applications/{app.Data.NoticeApplicationId}?handler=Objection",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["content"] = "异议", ["__RequestVerificationToken"] = "stale" }));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("请求无效", await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUnknownApiAddress_IsAProblemDetails()
    {
        using var shiju = await app.SignInAsync("shiju");
        using var r = await shiju.GetAsync("/api/v1/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        var problem = await r.Content.ReadFromJsonAsync<JsonNode>();
        Assert.Equal("页面不存在", (string?)problem!["title"]);
    }
}
