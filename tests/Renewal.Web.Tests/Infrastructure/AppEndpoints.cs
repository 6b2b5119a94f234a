using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Renewal.Web.Tests.Infrastructure;

/// <summary>One way in: an HTTP method on a route, and for a Razor page the form handler (<c>?handler=Move</c>).</summary>
public sealed record EndpointKey(string Method, string Route, string? Handler = null)
{
    public override string ToString() => $"{Method} {Route}{(Handler is null ? "" : "?handler=" + Handler)}";
}

/// <summary>An endpoint as the app registered it.</summary>
public sealed record AppEndpoint(EndpointKey Key, bool AllowsAnonymous, bool IsPage, bool InOpenApi);

/// <summary>
/// Every endpoint of the running app, read from the DI <see cref="EndpointDataSource"/>: minimal API routes with their
/// HTTP methods, Razor pages with one entry per page handler (OnGet, OnPostMove, …).
/// </summary>
public static class AppEndpoints
{
    public static IReadOnlyList<AppEndpoint> Of(IServiceProvider services)
    {
        var source = services.GetRequiredService<EndpointDataSource>();
        var loader = services.GetRequiredService<PageLoader>();
        var result = new List<AppEndpoint>();
        foreach (var e in source.Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
            var anonymous = e.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var page = e.Metadata.GetMetadata<PageActionDescriptor>();
            if (page is not null)
            {
                var compiled = page as CompiledPageActionDescriptor
                    ?? loader.LoadAsync(page, e.Metadata).GetAwaiter().GetResult();
                anonymous |= compiled.EndpointMetadata.OfType<IAllowAnonymous>().Any();
                var handlers = compiled.HandlerMethods.Select(h => new EndpointKey(h.HttpMethod.ToUpperInvariant(), route, h.Name)).ToList();
                // A page without OnGet still answers GET (it renders); list it like a browser sees it.
                if (!handlers.Any(h => h.Method == "GET" && h.Handler is null)) handlers.Add(new EndpointKey("GET", route));
                result.AddRange(handlers.Distinct().Select(k => new AppEndpoint(k, anonymous, true, false)));
                continue;
            }
            var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
            var inOpenApi = e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true }
                && route.StartsWith("/api/", StringComparison.Ordinal);
            result.AddRange(methods.Select(m => new AppEndpoint(new EndpointKey(m, route), anonymous, false, inOpenApi)));
        }
        return [.. result.DistinctBy(r => r.Key).OrderBy(r => r.Key.Route, StringComparer.Ordinal).ThenBy(r => r.Key.Method, StringComparer.Ordinal)];
    }
}
