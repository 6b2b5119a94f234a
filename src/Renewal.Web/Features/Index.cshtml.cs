using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data.Entities;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features;

public sealed class HomeModel : PageModel
{
    public Role Role { get; private set; }

    public IActionResult OnGet()
    {
        Role = HttpContext.User().Role;
        return Role == Role.Bank ? Redirect("/library") : Page();
    }
}
