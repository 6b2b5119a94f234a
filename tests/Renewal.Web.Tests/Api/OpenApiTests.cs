using System.Text.Json;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Api;

/// <summary>The OpenAPI document describes the JSON API, and the browsable API page serves it.</summary>
[Collection(SqliteFixture.Name)]
public sealed class OpenApiTests(SqliteApp app)
{
    [Fact]
    public async Task OpenApiDocument_ListsEveryApiV1Endpoint_WithItsMethod()
    {
        using var s = app.Anonymous();
        using var doc = JsonDocument.Parse(await s.PageAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");
        var documented = paths.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}"))
            .ToHashSet();
        var api = AppEndpoints.Of(app.Services).Where(e => e.Key.Route.StartsWith("/api/v1/", StringComparison.Ordinal))
            .Select(e => $"{e.Key.Method} {System.Text.RegularExpressions.Regex.Replace(e.Key.Route, @"\{(\w+)(:[^}]*)?\}", "{$1}").TrimEnd('/')}")
            .ToList();
        Assert.NotEmpty(api);
        var missing = api.Where(a => !documented.Contains(a)).ToList();
        Assert.True(missing.Count == 0, "Not in /openapi/v1.json: " + string.Join(", ", missing) + "\nDocumented: " + string.Join(", ", documented));
    }

    [Fact]
    public async Task OpenApiDocument_IsVersion3_AndSaysWhatEachOperationDoesInChinese()
    {
        using var s = app.Anonymous();
        using var doc = JsonDocument.Parse(await s.PageAsync("/openapi/v1.json"));
        Assert.StartsWith("3.", doc.RootElement.GetProperty("openapi").GetString());
        var operations = doc.RootElement.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).ToList();
        Assert.All(operations, o => Assert.True(o.Value.TryGetProperty("summary", out var summary) && summary.GetString()!.Any(c => c >= 0x4E00 && c <= 0x9FFF),
            $"operation without a Chinese summary: {o.Value}"));
    }

    [Fact]
    public async Task ScalarPage_ServesTheApiReference()
    {
        using var s = app.Anonymous();
        var html = await s.PageAsync("/scalar/v1");
        Assert.Contains("scalar", html, StringComparison.OrdinalIgnoreCase);
    }
}
