using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Renewal.Data.Entities;
using Renewal.Services.Calls;
using Renewal.Services.Materials;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Applications;

/// <summary>
/// What the application page's 申报材料 (Features/Applications/_Materials.cshtml) shows: each material the call asks for
/// with its uploaded versions, and whether the viewer may upload (the enterprise, while it may change the application).
/// </summary>
public sealed record MaterialsView(int ApplicationId, int? CallId, IReadOnlyList<MaterialSlot> Slots, bool CanUpload, long MaxBytes)
{
    /// <summary>The materials of an application the user sees (the page has checked that).</summary>
    public static async Task<MaterialsView> LoadAsync(HttpContext http, AwardApplication app, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(app);
        var user = http.User();
        var slots = await http.RequestServices.GetRequiredService<MaterialService>().ListAsync(user, app.Id, ct) ?? [];
        return new(app.Id, app.CallId, slots, MaterialService.MayUpload(user, app.State), MaterialUpload.MaxBytes(http.RequestServices.GetRequiredService<IConfiguration>()));
    }

    /// <summary>The first 12 hex digits of a SHA-256, as the page shows it (the whole one in its title).</summary>
    public static string ShortHash(string sha256) => sha256 is { Length: > 12 } ? sha256[..12] : sha256 ?? "";
}

/// <summary>
/// The size limits of an upload: the store's (Materials:MaxBytes, 20 MB by default) for the file, and for the whole
/// request that plus room for the multipart envelope and the form's other fields.
/// </summary>
public static class MaterialUpload
{
    public const long Envelope = 1024 * 1024;

    public static long MaxBytes(IConfiguration config) => config.GetValue("Materials:MaxBytes", FileSystemMaterialStore.DefaultMaxBytes);

    public static long RequestLimit(IConfiguration config) => MaxBytes(config) + Envelope;

    /// <summary>The refusal of a file over the limit, as the store words it.</summary>
    public static string TooLarge(IConfiguration config) => $"文件过大：最大 {FileSystemMaterialStore.Size(MaxBytes(config))}";
}

/// <summary>
/// The request size limit of the upload page, from Materials:MaxBytes: set on the server before anything reads the
/// body (before the antiforgery check reads the form), and a request that says it is larger is answered at once —
/// back on the application page with the reason — instead of being read.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class MaterialUploadLimitAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    /// <summary>Before the antiforgery filter (order 1000), like <see cref="RequestSizeLimitAttribute"/>.</summary>
    public int Order => -2000;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method)) return;
        var config = http.RequestServices.GetRequiredService<IConfiguration>();
        var limit = MaterialUpload.RequestLimit(config);
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        if (http.Request.ContentLength > limit && http.User.Identity?.IsAuthenticated == true)
        {
            var temp = http.RequestServices.GetRequiredService<Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataDictionaryFactory>().GetTempData(http);
            temp["Error"] = MaterialUpload.TooLarge(config);
            temp.Save(); // the result filters that would save it do not run after an authorization filter's answer
            context.Result = new RedirectResult($"/applications/{context.RouteData.Values["id"]}#materials");
        }
    }
}
