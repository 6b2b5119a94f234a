using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services.Upward;
using Renewal.Services.Workflow;
using Renewal.Web.Features.Enterprise;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Upward;

/// <summary>
/// /upward/programmes — 上级项目: name, level (省级, 苏州市级, 国家级), 配套比例 (yuan Kunshan adds per yuan granted), note,
/// active. The government reads them; the bureau (reviewers and administrators) adds and changes them.
/// </summary>
[Authorize(Policy = Policies.Government)]
public sealed class ProgrammesModel(UpwardService service) : PageModel
{
    public IReadOnlyList<ProgrammeRow> Programmes { get; private set; } = [];
    public bool IsBureau { get; private set; }
    public string? Refusal { get; private set; }
    /// <summary>The row whose form was refused (null: the new one), with what was typed.</summary>
    public int? FailedId { get; private set; }
    public ProgrammeForm Typed { get; private set; } = new();

    public sealed class ProgrammeForm
    {
        public string? Name { get; set; }
        public string? Level { get; set; }
        public string? MatchingShare { get; set; }
        public string? Note { get; set; }
        public bool Active { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSaveAsync(int? id, long? version, ProgrammeForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = HttpContext.User();
        if (!user.IsBureau) return Forbid();
        var errors = new FieldErrors();
        var level = FormText.Enum<Level>(errors, "level", "项目层级（level）", form.Level);
        var share = FormText.Number(errors, "matching_share", "配套比例（matching_share）", form.MatchingShare);
        Result<ProgrammeRow>? r = null;
        if (!errors.Any) r = await service.SaveProgrammeAsync(user, id, version, new ProgrammeInput(form.Name, level, share, form.Note, form.Active), ct);
        if (r is { Ok: true })
        {
            TempData["Message"] = Lang.T($"已保存上级项目“{r.Value!.Name}”", $"Saved {r.Value!.Name}");
            return Redirect("/upward/programmes");
        }
        if (r?.Kind == ResultKind.NotFound) return NotFound();
        await LoadAsync(ct);
        FailedId = id;
        Typed = form;
        Refusal = r?.Message ?? string.Join("；", errors.All);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var user = HttpContext.User();
        IsBureau = user.IsBureau;
        Programmes = (await service.ProgrammesAsync(user, ct)).Value ?? [];
    }
}
