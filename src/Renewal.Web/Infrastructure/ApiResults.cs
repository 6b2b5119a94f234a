using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Renewal.Services.Workflow;
using Renewal.Web.Features.Enterprise;

namespace Renewal.Web.Infrastructure;

/// <summary>Maps a use case's result to typed results (shared by the API endpoints of every feature).</summary>
internal static class ApiResults
{
    public static Results<TOk, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult, Conflict<ProblemDetails>> From<T, TOk>(
        CommandResult<T> r, Func<T, TOk> ok) where TOk : IResult => r.Status switch
        {
            CommandStatus.Ok => ok(r.Value!),
            CommandStatus.Invalid => Invalid(r.Errors!),
            CommandStatus.NotFound => TypedResults.NotFound(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "不存在", Detail = r.Message }),
            CommandStatus.Forbidden => Forbidden(r.Message),
            _ => TypedResults.Conflict(new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "数据已被他人修改", Detail = r.Message }),
        };

    public static ValidationProblem Invalid(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), detail: string.Join("；", errors.All), title: "提交的数据有误");

    public static ProblemHttpResult Forbidden(string? message) =>
        TypedResults.Problem(detail: message, statusCode: StatusCodes.Status403Forbidden, title: "无权办理");

    /// <summary>A refused workflow call (<see cref="ResultKind"/>) as a problem with its status.</summary>
    public static ProblemHttpResult Refused(ResultKind kind, string? message) => kind switch
    {
        ResultKind.NotFound => TypedResults.Problem(message, statusCode: StatusCodes.Status404NotFound),
        ResultKind.Forbidden => TypedResults.Problem(message, statusCode: StatusCodes.Status403Forbidden),
        ResultKind.Conflict => TypedResults.Problem(message, statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.Problem(message, statusCode: StatusCodes.Status400BadRequest),
    };

    /// <summary>Declares the 403 problem response in the OpenAPI document (ProblemHttpResult carries no status of its own).</summary>
    public static RouteHandlerBuilder Forbids(this RouteHandlerBuilder b) => b.ProducesProblem(StatusCodes.Status403Forbidden);
}

/// <summary>
/// Reads a JSON request body with the API's JSON options; a body that cannot be read becomes a field message in
/// Chinese (which field, by its JSON path) instead of the framework's English 400.
/// </summary>
internal static class JsonBody
{
    public static async Task<(T? Value, FieldErrors? Errors)> ReadAsync<T>(HttpContext http, IReadOnlyDictionary<string, string> labels) where T : class
    {
        var errors = new FieldErrors();
        if (!http.Request.HasJsonContentType())
        {
            errors.Add("body", "请求体应为 JSON（Content-Type: application/json）");
            return (null, errors);
        }
        var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, options, http.RequestAborted);
            if (value is not null) return (value, null);
            errors.Add("body", "请求体不能为空");
        }
        catch (JsonException e)
        {
            var key = (e.Path ?? "$").TrimStart('$').TrimStart('.');
            if (key.Length == 0) errors.Add("body", "请求体不是有效的 JSON");
            else
            {
                var name = key[(key.LastIndexOf('.') + 1)..];
                var bracket = name.IndexOf('[', StringComparison.Ordinal);
                if (bracket >= 0) name = name[..bracket];
                errors.Add(key, $"{labels.GetValueOrDefault(name) ?? name}（{key}）的格式不正确");
            }
        }
        return (null, errors);
    }
}
