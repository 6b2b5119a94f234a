using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Policy.Model;
using Renewal.Web.Infrastructure;
using Renewal.Services;

namespace Renewal.Web.Features.Enterprise;

/// <summary>A repayment row of the loan form, as typed; a blank row is ignored.</summary>
public sealed class RepaymentForm
{
    public string? Date { get; set; }
    public string? Amount { get; set; }
}

/// <summary>
/// The loan form as typed. The rate is in percent. Repayment rows are keyed by row number
/// (<c>Form.Repayments[3].Date</c>), so a row missing from a post cannot drop the rows after it.
/// </summary>
public sealed class LoanForm
{
    /// <summary>Blank repayment rows offered below the recorded ones.</summary>
    public const int SpareRows = 3;

    public string? Code { get; set; }
    public string? ProjectId { get; set; }
    public string? Bank { get; set; }
    public string? Category { get; set; }
    public string? Principal { get; set; }
    public string? RatePercent { get; set; }
    public string? IssuedOn { get; set; }
    public string? MaturesOn { get; set; }
    public string? EquipmentAmount { get; set; }
    public bool ViaSuzhouPlatform { get; set; }
    public Dictionary<int, RepaymentForm> Repayments { get; set; } = [];
    public string? Version { get; set; }

    public static LoanForm Blank(int? projectId) => new()
    {
        ProjectId = projectId?.ToString(CultureInfo.InvariantCulture),
        Category = nameof(LoanCategory.EquipmentRenewal),
        Repayments = Enumerable.Range(0, SpareRows).ToDictionary(i => i, _ => new RepaymentForm()),
    };

    public static LoanForm Of(LoanDto l)
    {
        ArgumentNullException.ThrowIfNull(l);
        return new LoanForm
        {
            Code = l.Code, ProjectId = l.ProjectId.ToString(CultureInfo.InvariantCulture), Bank = l.Bank, Category = l.Category.ToString(),
            Principal = FormText.Of(l.Principal), RatePercent = l.RatePercent.ToString("0.####", CultureInfo.InvariantCulture),
            IssuedOn = FormText.Of(l.IssuedOn), MaturesOn = FormText.Of(l.MaturesOn), EquipmentAmount = FormText.Of(l.EquipmentAmount),
            ViaSuzhouPlatform = l.ViaSuzhouPlatform,
            Repayments = l.Repayments.Select(r => new RepaymentForm { Date = FormText.Of(r.Date), Amount = FormText.Of(r.Amount) })
                .Concat(Enumerable.Range(0, SpareRows).Select(_ => new RepaymentForm()))
                .Select((r, i) => (r, i)).ToDictionary(x => x.i, x => x.r),
            Version = l.Version.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The typed request; <paramref name="requestRowOf"/> maps a form row to its index in the request's repayments.</summary>
    public LoanRequest ToRequest(FieldErrors errors, out Dictionary<int, int> requestRowOf)
    {
        ArgumentNullException.ThrowIfNull(errors);
        requestRowOf = [];
        var rows = new List<RepaymentInput>();
        foreach (var (i, f) in Repayments.OrderBy(k => k.Key))
        {
            if (f is null || string.IsNullOrWhiteSpace(f.Date) && string.IsNullOrWhiteSpace(f.Amount)) continue;
            var at = $"repayments[{rows.Count}]";
            requestRowOf[i] = rows.Count;
            rows.Add(new RepaymentInput
            {
                Date = FormText.Date(errors, $"{at}.date", $"第 {rows.Count + 1} 笔还款的日期", f.Date),
                Amount = FormText.Number(errors, $"{at}.amount", $"第 {rows.Count + 1} 笔还款金额", f.Amount),
            });
        }
        return new LoanRequest
        {
            Code = Code,
            ProjectId = FormText.Whole(errors, "projectId", "所投项目", ProjectId),
            Bank = Bank,
            Category = FormText.Enum<LoanCategory>(errors, "category", "贷款类别", Category),
            Principal = FormText.Number(errors, "principal", "贷款本金", Principal),
            RatePercent = FormText.Number(errors, "ratePercent", "合同年利率", RatePercent?.Trim().TrimEnd('%', '％')),
            IssuedOn = FormText.Date(errors, "issuedOn", "放款日", IssuedOn),
            MaturesOn = FormText.Date(errors, "maturesOn", "到期日", MaturesOn),
            EquipmentAmount = FormText.Number(errors, "equipmentAmount", "用于设备投资的金额", EquipmentAmount),
            ViaSuzhouPlatform = ViaSuzhouPlatform,
            Repayments = rows,
            Version = long.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null,
        };
    }
}

/// <summary>A project the loan may finance.</summary>
public sealed record ProjectChoice(int Id, string Code, string Name);

/// <summary>What the new and edit loan pages share.</summary>
public abstract class LoanFormPage(LibraryDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public LoanForm Form { get; set; } = LoanForm.Blank(null);
    public FieldErrors Errors { get; private set; } = new();
    public string? Problem { get; private set; }
    public IReadOnlyList<ProjectChoice> Projects { get; private set; } = [];
    public Dictionary<int, int> RequestRowOf { get; private set; } = [];
    public abstract bool IsNew { get; }
    public int? LoanId { get; protected set; }

    protected LibraryDbContext Db => db;

    /// <summary>The message key of a repayment row's field.</summary>
    public string RowKey(int formRow, string field) => RequestRowOf.TryGetValue(formRow, out var i) ? $"repayments[{i}].{field}" : $"row{formRow}.{field}";

    /// <summary>Loads the enterprise's projects for the select; false when the user has no enterprise.</summary>
    protected async Task<bool> LoadProjectsAsync(CancellationToken ct)
    {
        var e = await MyEnterprise.FindAsync(db, HttpContext.User(), ct);
        if (e is null) return false;
        Projects = await db.Projects.AsNoTracking().Where(p => p.EnterpriseId == e.Id).OrderBy(p => p.Code)
            .Select(p => new ProjectChoice(p.Id, p.Code, p.Name)).ToListAsync(ct);
        return true;
    }

    protected async Task<IActionResult> SaveAsync(int? id, CancellationToken ct)
    {
        if (!await LoadProjectsAsync(ct)) return Forbid();
        var formErrors = new FieldErrors();
        var request = Form.ToRequest(formErrors, out var rows);
        RequestRowOf = rows;
        var result = await SaveLoan.HandleAsync(db, HttpContext.User(), id, request, clock, formErrors, ct);
        switch (result.Status)
        {
            case CommandStatus.Ok:
                TempData["Message"] = Lang.T($"贷款 {result.Value!.Code} 已保存", $"Loan {result.Value!.Code} saved");
                return Redirect("/enterprise");
            case CommandStatus.Invalid:
                Errors = result.Errors!;
                if (!Form.Repayments.Values.Any(r => string.IsNullOrWhiteSpace(r?.Date) && string.IsNullOrWhiteSpace(r?.Amount)))
                    Form.Repayments[Form.Repayments.Count == 0 ? 0 : Form.Repayments.Keys.Max() + 1] = new RepaymentForm();
                return Page();
            case CommandStatus.Conflict:
                Problem = result.Message;
                return Page();
            case CommandStatus.NotFound:
                return NotFound();
            default:
                return Forbid();
        }
    }
}

[Authorize(Policy = Policies.Enterprise)]
public sealed class NewLoanModel(LibraryDbContext db, TimeProvider clock) : LoanFormPage(db, clock)
{
    public override bool IsNew => true;

    /// <param name="project">Preselects a project (a link from the project row).</param>
    /// <param name="ct">Cancels the reads.</param>
    public async Task<IActionResult> OnGetAsync(int? project, CancellationToken ct)
    {
        if (!await LoadProjectsAsync(ct)) return Forbid();
        Form = LoanForm.Blank(project is { } p && Projects.Any(x => x.Id == p) ? p : null);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => SaveAsync(null, ct);
}

[Authorize(Policy = Policies.Enterprise)]
public sealed class EditLoanModel(LibraryDbContext db, TimeProvider clock) : LoanFormPage(db, clock)
{
    public override bool IsNew => false;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var found = await SaveLoan.LoadAsync(Db, HttpContext.User(), id, ct);
        if (!found.Ok) return found.Status == CommandStatus.NotFound ? NotFound() : Forbid();
        await LoadProjectsAsync(ct);
        LoanId = id;
        Form = LoanForm.Of(found.Value!);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        LoanId = id;
        return SaveAsync(id, ct);
    }
}
