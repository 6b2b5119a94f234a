using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Renewal.Exchange.Library;
using Renewal.Exchange.Xlsx;

namespace Renewal.Cli.Commands;

/// <summary>
/// <c>renewal library template|import|export</c>: the project library exchanged as Excel. Other library subcommands
/// (evaluate, …) are passed to <see cref="Create"/> and appended.
/// </summary>
internal static class LibraryCommand
{
    public static Command Create(CliOutput io, params Command[] more)
    {
        ArgumentNullException.ThrowIfNull(more);
        var command = new Command("library", "项目库：Excel 模板、导入、导出");
        command.Subcommands.Add(Template(io));
        command.Subcommands.Add(Import(io));
        command.Subcommands.Add(Export(io));
        foreach (var c in more) command.Subcommands.Add(c);
        return command;
    }

    private static Option<string> UnitOption() => new("--unit")
    {
        Description = "金额单位：元 或 万元",
        DefaultValueFactory = _ => LibraryWorkbook.Yuan,
    };

    private static Command Template(CliOutput io)
    {
        var file = new Argument<string>("file") { Description = "要写出的 .xlsx 文件" };
        var unit = UnitOption();
        var command = new Command("template", "写出项目库 Excel 模板（说明表 + 企业、项目、年度投资、贷款、还款、设备台账）") { file, unit };
        command.SetAction(r => Common.Guard(io, () =>
        {
            var path = r.GetValue(file)!;
            var u = CheckUnit(r.GetValue(unit));
            WriteAtomically(path, s => LibraryTemplate.Write(s, u));
            io.Out.WriteLine($"已写出模板：{Path.GetFullPath(path)}（金额单位：{u}）");
            return 0;
        }));
        return command;
    }

    private static Command Import(CliOutput io)
    {
        var file = new Argument<string>("file") { Description = "要导入的 .xlsx 文件" };
        var dryRun = new Option<bool>("--dry-run") { Description = "只校验并报告将新增、修改的行，不保存" };
        var db = Common.DbOption();
        var command = new Command("import", "导入项目库 Excel：先校验全部单元格，无误后在一个事务中按唯一键新增或更新；有错误则不保存并逐格列出") { file, dryRun, db };
        command.SetAction(r => Common.Guard(io, () =>
        {
            var path = r.GetValue(file)!;
            if (!File.Exists(path)) throw new CliException($"找不到文件：{Path.GetFullPath(path)}");
            using var library = Common.OpenLibrary(r.GetValue(db));
            try
            {
                using var stream = File.OpenRead(path);
                // The rows and the audit entry naming the file and what it added and changed commit together (as on the web page).
                var report = Renewal.Services.Onboarding.LibraryImport.Save(library, stream, Path.GetFileName(path), Renewal.Data.Audit.Actor.System,
                    TimeProvider.System.GetUtcNow(), r.GetValue(dryRun));
                WriteReport(io.Out, report, path);
                return 0;
            }
            catch (LibraryImportException e)
            {
                WriteErrors(io.Error, e, path);
                return 2;
            }
        }));
        return command;
    }

    private static Command Export(CliOutput io)
    {
        var file = new Argument<string>("file") { Description = "要写出的 .xlsx 文件" };
        var unit = UnitOption();
        var db = Common.DbOption();
        var command = new Command("export", "把整个项目库导出为 Excel（可原样再导入）") { file, unit, db };
        command.SetAction(r => Common.Guard(io, () =>
        {
            var path = r.GetValue(file)!;
            var u = CheckUnit(r.GetValue(unit));
            using var library = Common.OpenLibrary(r.GetValue(db));
            WriteAtomically(path, s => LibraryExporter.Export(library, s, u));
            io.Out.WriteLine($"已导出：{Path.GetFullPath(path)}（企业 {library.Enterprises.Count()} 家，项目 {library.Projects.Count()} 个，贷款 {library.Loans.Count()} 笔；金额单位：{u}）");
            return 0;
        }));
        return command;
    }

    private static string CheckUnit(string? unit) =>
        LibraryWorkbook.Factor(unit) is not null ? unit! : throw new CliException($"--unit 应为“元”或“万元”，实际为“{unit}”");

    /// <summary>Writes to a temporary file beside <paramref name="path"/> and moves it into place: a failed export leaves no half file.</summary>
    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            using (var s = File.Create(temp)) write(s);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    internal static void WriteReport(TextWriter w, ImportReport report, string path)
    {
        w.WriteLine(report.DryRun
            ? $"试导入（未保存）：{Path.GetFileName(path)}，金额单位 {report.Unit}。校验通过，导入后将："
            : $"已导入：{Path.GetFileName(path)}，金额单位 {report.Unit}。");
        var console = TableOutput.Console(w);
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("工作表");
        table.AddColumn(new TableColumn(report.DryRun ? "将新增" : "新增").RightAligned());
        table.AddColumn(new TableColumn(report.DryRun ? "将修改" : "修改").RightAligned());
        table.AddColumn(new TableColumn("未变").RightAligned());
        table.AddColumn(new TableColumn("行数").RightAligned());
        foreach (var s in report.Sheets)
            table.AddRow(Markup.Escape(s.Sheet), N(s.Added), N(s.Changed), N(s.Unchanged), N(s.Rows));
        table.AddRow("合计", N(report.Added), N(report.Changed), N(report.Unchanged), N(report.Added + report.Changed + report.Unchanged));
        console.Write(table);
    }

    internal static void WriteErrors(TextWriter w, LibraryImportException e, string path)
    {
        w.WriteLine(e.Errors.Count == 1 && e.Errors[0].Sheet is null
            ? $"导入失败，未保存任何数据：{Path.GetFileName(path)}"
            : $"导入失败，未保存任何数据：{Path.GetFileName(path)} 有 {N(e.Errors.Count)} 处错误{(e.Truncated ? "（错误过多，仅列出前这些）" : "")}：");
        foreach (var error in e.Errors) w.WriteLine("  " + error);
    }

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
