using System.CommandLine;
using System.Globalization;
using Renewal.Policy;
using Renewal.Policy.Explanation;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Policy.Scenarios;
using Spectre.Console;
using Renewal.Exchange.Ledger;
using Renewal.Policy.Kunshan2024.Programme;

namespace Renewal.Cli.Commands;

/// <summary>
/// <c>renewal loans schedule FILE --loan ID</c>: the segment-by-segment worksheet of one loan;
/// <c>renewal loans template FILE.xlsx</c> and <c>renewal loans import LEDGER --year Y [--out FILE.yaml]</c>: the bank loan ledger (贷款台账).
/// </summary>
internal static class LoansCommand
{
    public static Command Create(CliOutput io)
    {
        var command = new Command("loans", "贷款贴息：逐段计算表；银行贷款台账模板与导入");
        command.Subcommands.Add(Schedule(io));
        command.Subcommands.Add(Template(io));
        command.Subcommands.Add(Import(io));
        return command;
    }

    private static Command Template(CliOutput io)
    {
        var file = new Argument<string>("file") { Description = "要生成的模板文件（.xlsx）" };
        var force = new Option<bool>("--force") { Description = "文件已存在时覆盖" };
        var command = new Command("template", "生成银行贷款台账模板（工作表：贷款、还款、说明）") { file, force };
        command.SetAction(r => Common.Guard(io, () =>
        {
            var path = r.GetValue(file)!;
            if (!Path.GetExtension(path).Equals(".xlsx", StringComparison.OrdinalIgnoreCase))
                throw new CliException($"模板文件应以 .xlsx 结尾：{path}");
            if (File.Exists(path) && !r.GetValue(force))
                throw new CliException($"文件已存在：{Path.GetFullPath(path)}（如需覆盖请加 --force）");
            LedgerTemplate.Write(path);
            io.Out.WriteLine($"已生成贷款台账模板：{path}（工作表：{LedgerColumns.LoansSheet}、{LedgerColumns.RepaymentsSheet}、{LedgerColumns.NotesSheet}）");
            return 0;
        }));
        return command;
    }

    private static Command Import(CliOutput io)
    {
        var ledger = new Argument<string>("ledger") { Description = "贷款台账：Excel 工作簿（.xlsx，含“贷款”“还款”工作表）或贷款表 CSV" };
        var repayments = new Option<string?>("--repayments") { Description = "还款表 CSV（台账为 CSV 时使用，可省略）" };
        var year = new Option<int>("--year") { Description = "贴息年度", Required = true };
        var output = new Option<string?>("--out") { Description = "写出的场景文件（YAML）；省略时输出到标准输出" };
        var command = new Command("import", "把银行贷款台账转换为场景文件；先校验全部单元格，有任何错误则逐一列出且不写出文件")
        {
            ledger, repayments, year, output,
        };
        command.SetAction(r => Common.Guard(io, () =>
        {
            var y = r.GetValue(year);
            if (y is < 2000 or > 2100) throw new CliException($"--year {y} 应在 2000–2100 之间");
            var path = r.GetValue(ledger)!;
            var outPath = r.GetValue(output);
            LedgerResult result;
            try
            {
                result = LedgerImport.Read(path, r.GetValue(repayments), y);
            }
            catch (LedgerException e)
            {
                io.Error.WriteLine($"贷款台账 {Path.GetFileName(path)} 有 {e.Errors.Count} 处错误，未写出任何文件：");
                foreach (var err in e.Errors) io.Error.WriteLine("  " + err);
                return 2;
            }

            var s = result.Scenario;
            var yaml = $"# 由 renewal loans import 自贷款台账 {Path.GetFileName(path)} 生成（{y} 年度）。\n"
                + "# 企业编号即统一社会信用代码；项目按“在建”记录，不含投资额。\n"
                + ScenarioWriter.ToYaml([s]);
            // The file must be one the engine accepts: read it back before anyone sees it.
            new ScenarioReader(PolicyEngine.Default.Parameters).Read(yaml, outPath ?? "(标准输出)");

            var summary = $"已导入：企业 {s.Enterprises.Length} 家、项目 {s.Projects.Length} 个、贷款 {s.Loans.Length} 笔、还款 {result.RepaymentCount} 笔";
            if (outPath is null)
            {
                io.Out.Write(yaml);
                io.Error.WriteLine(summary);
                return 0;
            }
            WriteAtomically(outPath, yaml);
            io.Out.WriteLine($"{summary} → {outPath}");
            return 0;
        }));
        return command;
    }

    /// <summary>Writes beside the target and renames, so a failure never leaves a half-written scenario file.</summary>
    private static void WriteAtomically(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, text, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static Command Schedule(CliOutput io)
    {
        var file = new Argument<string>("file") { Description = "场景文件" };
        var loan = new Option<string>("--loan") { Description = "贷款编号", Required = true };
        var scenario = new Option<string?>("--scenario") { Description = "场景名称（文件含多个场景时；默认第一个含该贷款的场景）" };
        var year = new Option<int?>("--year") { Description = "贴息年度（默认场景的年度）" };
        var set = Common.SetOption();
        var lpr = Common.LprOption();
        var command = new Command("schedule", "打印一笔贷款某年度的逐段贴息计算表（供银行、企业核对）") { file, loan, scenario, year, set, lpr };
        command.SetAction(r => Common.Guard(io, () =>
        {
            var engine = Common.Engine(r.GetValue(set), r.GetValue(lpr));
            var id = r.GetValue(loan)!;
            var name = r.GetValue(scenario);
            var all = Common.ReadScenarios(r.GetValue(file)!, engine);
            var s = all.FirstOrDefault(x => (name is null || x.Name == name) && x.Loans.Any(l => l.Id == id))
                ?? throw new CliException(name is null ? $"文件中没有贷款 {id}" : $"场景“{name}”中没有贷款 {id}");
            if (r.GetValue(year) is { } y) s = s with { Year = y };
            Write(io.Out, s, engine.ScheduleLoan(s, id));
            return 0;
        }));
        return command;
    }

    internal static void Write(TextWriter w, Scenario s, LoanWorksheet sheet)
    {
        var inv = CultureInfo.InvariantCulture;
        var loan = sheet.Loan;
        var enterprise = s.Enterprises.First(e => e.Id == loan.EnterpriseId);
        var share = loan.EquipmentAmount.Yuan >= loan.Principal.Yuan ? 1m : loan.EquipmentAmount.Yuan / loan.Principal.Yuan;
        w.WriteLine($"贷款贴息计算表　{sheet.Year} 年度");
        w.WriteLine($"贷款 {loan.Id}　企业 {enterprise.Id} {enterprise.Name}（{enterprise.CreditCode}）　项目 {loan.ProjectId}");
        w.WriteLine($"本金 {Yuan(loan.Principal.Yuan)} 元　合同年利率 {loan.Rate}　放款日 {loan.IssuedOn:yyyy-MM-dd}　到期日 {loan.MaturesOn:yyyy-MM-dd}　类别 {Codes.Label(loan.Category)}");
        w.WriteLine($"用于设备投资 {Yuan(loan.EquipmentAmount.Yuan)} 元，设备占比 {(share * 100m).ToString("0.####", inv)}%　苏州平台：{(loan.ViaSuzhouPlatform ? "是" : "否")}　"
            + $"审核同意层级：{(loan.Approvals is { } ap ? string.Join("、", ap.Select(Codes.Label)) : "全部（未填写）")}");
        if (!loan.Repayments.IsEmpty)
            w.WriteLine("还款：" + string.Join("；", loan.Repayments.Select(p => $"{p.Date:yyyy-MM-dd} {Yuan(p.Amount.Yuan)}")));
        w.WriteLine();

        w.WriteLine("一、贴息资格（按放款日有效的规则）");
        var first = sheet.Lines.FirstOrDefault(l => l.Level == Level.Province) ?? sheet.Lines[0];
        foreach (var step in first.Trace.Where(t => t.Rule.StartsWith("D-E", StringComparison.Ordinal)))
            w.WriteLine($"   {(step.Status == RuleStatus.Holds ? "✓" : "✗")} {step.Rule} [{Citations.Chinese(step.Article)}] {Citations.InText(step.Text)}");
        w.WriteLine();

        if (sheet.Schedule is not { } schedule || schedule.Segments.IsEmpty)
        {
            w.WriteLine(sheet.Lines.All(l => !l.Eligible) && sheet.Lines[0].FailedRule is { } f && f.StartsWith("D-E", StringComparison.Ordinal)
                ? $"该笔贷款不符合贴息条件（{f}），本年度无贴息。"
                : $"{sheet.Year} 年度内没有计息天数（贴息期或 {ProgrammeYears.Text} 政策窗口之外）。");
            return;
        }

        w.WriteLine($"二、逐段计算（实际天数/360；放款日计息、到期日不计息；贴息余额 = 余额 × 设备占比）");
        var console = TableOutput.Console(w);
        // Levels that are off (rate 0 or not in the level list) every day are left out of the worksheet.
        var levels = Enum.GetValues<Level>().Where(l => schedule.Segments.Any(x => x.Levels[(int)l].Reason != "D-1")).ToArray();
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumns("起始日", "截止日", "天数", "贷款余额", "贴息余额");
        foreach (var level in levels) table.AddColumns($"{Codes.Label(level)}利率", $"{Codes.Label(level)}金额");
        foreach (var c in table.Columns.Skip(2)) c.RightAligned();
        var totals = new decimal[4];
        foreach (var seg in schedule.Segments)
        {
            var cells = new List<string>
            {
                seg.Start.ToString("yyyy-MM-dd", inv), seg.End.AddDays(-1).ToString("yyyy-MM-dd", inv), seg.Days.ToString(inv),
                Yuan(seg.Balance.Yuan), Yuan(decimal.Round(seg.SubsidisedBalance.Yuan, 2)),
            };
            foreach (var level in levels)
            {
                var sl = seg.Levels[(int)level];
                totals[(int)level] += sl.Amount;
                cells.Add(sl.Reason switch { null => sl.Rate.ToString(), "D-3" => "0%（D-3 额度已满）", _ => $"不贴（{sl.Reason}）" });
                cells.Add(sl.Reason is null ? Yuan(decimal.Round(sl.Amount, 2)) : "0.00");
            }
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        string[] Row(string label, string days, Func<Level, string> amount)
        {
            var cells = new List<string> { label, "", days, "", "" };
            foreach (var level in levels) cells.AddRange(["", amount(level)]);
            return [.. cells.Select(Markup.Escape)];
        }
        table.AddRow(Row("合计（未取整）", schedule.Segments.Sum(x => x.Days).ToString(inv), l => Yuan(decimal.Round(totals[(int)l], 4), "#,##0.0000")));
        table.AddRow(Row("四舍五入到分", "", l => Yuan(new Money(totals[(int)l]).RoundToFen().Yuan)));
        table.AddRow(Row("应贴息（封顶后）", "", l => Yuan(sheet.Lines.First(x => x.Level == l).Amount.Yuan)));
        console.Write(table);

        w.WriteLine("三、上限与分摊");
        foreach (var line in sheet.Lines)
        {
            foreach (var step in line.Trace.Where(t => t.Rule is "D-6" or "D-7" or "D-8"))
                w.WriteLine($"   {Codes.Label(line.Level!.Value)}：{Citations.InText(step.Text)}");
            if (!line.Eligible && line.FailedRule is { } fr && !fr.StartsWith("D-E", StringComparison.Ordinal))
            {
                var why = line.Trace.LastOrDefault(t => t.Status == RuleStatus.Fails);
                if (why is not null) w.WriteLine($"   {Codes.Label(line.Level!.Value)}：{Citations.InText(why.Text)}（{fr}）");
            }
        }
    }

    private static string Yuan(decimal v, string format = "#,##0.00") => v.ToString(format, CultureInfo.InvariantCulture);
}
