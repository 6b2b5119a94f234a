using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Data.Entities;
using Renewal.Services.Revisions;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Rules;

/// <summary>
/// A bureau administrator drafts a revision from its file (POST /api/v1/rules/revisions, the body the revision file as
/// YAML or JSON). A file the pack refuses (V-1) is a 400 naming the line, revision, parameter and field in Chinese.
/// </summary>
public static class DraftRevision
{
    /// <summary>A revision file is at most <see cref="RuleRevision.TextLength"/> characters; four bytes a character bounds the body read.</summary>
    private const int MaxBytes = RuleRevision.TextLength * 4;

    public static void Map(RouteGroupBuilder rules) =>
        rules.MapPost("/revisions", async Task<Results<Created<RevisionDto>, ProblemHttpResult>> (HttpContext http, RevisionService revisions, CancellationToken ct) =>
        {
            var user = http.User();
            if (!RevisionService.MayWrite(user)) return ApiResults.Forbidden("只有市局管理员可以起草规则修订");
            var (text, tooLong) = await ReadAsync(http.Request, ct);
            if (tooLong) return ApiResults.Refused(ResultKind.Invalid, $"修订文件过长：最多 {RuleRevision.TextLength:#,##0} 个字符");
            var r = await revisions.DraftAsync(user, text, "请求体", ct);
            return r.Ok ? TypedResults.Created($"/api/v1/rules/revisions/{r.Value!.Id}", RevisionDto.Of(r.Value, withText: true)) : RulesEndpoints.Refused(r);
        }).RequireAuthorization(Policies.Admin)
            .Accepts<string>("application/yaml", "text/yaml", "text/plain", "application/json")
            .WithName("DraftRevision").WithSummary("起草规则修订：请求体为修订文件（YAML 或同样结构的 JSON）；不合规的修订整体拒绝并说明行号、参数和字段").Forbids();

    private static async Task<(string Text, bool TooLong)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes) return ("", true);
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[RuleRevision.TextLength + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await reader.ReadAsync(buffer.AsMemory(read), ct)) > 0) read += n;
        return read > RuleRevision.TextLength ? ("", true) : (new string(buffer, 0, read), false);
    }
}
