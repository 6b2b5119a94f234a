using Microsoft.AspNetCore.Mvc;
using Renewal.Services.Upward;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Upward;

/// <summary>
/// The enterprise's read-only view of 向上争取 on /enterprise: the recommendations of its own projects (the service's row-level
/// rule gives an enterprise nothing else), with status and outcome. A view component, so that the enterprise page carries one line for it.
/// </summary>
public sealed class EnterpriseUpwardViewComponent(UpwardService service) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var r = await service.ListAsync(HttpContext.User(), new UpwardFilter(), ct: HttpContext.RequestAborted);
        return View("~/Features/Upward/_EnterpriseUpward.cshtml", r.Value?.Items ?? []);
    }
}
