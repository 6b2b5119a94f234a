using System.CommandLine;
using System.Globalization;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Services.Revisions;

namespace Renewal.Cli.Commands;

/// <summary>
/// <c>renewal decisions verify [--db PATH] [--code CODE]</c>: evaluates every approved or paid award again from its
/// declaration snapshot under exactly the rules it was decided with (its K and revision ids, POLICY.md V-4) and reports
/// any that differ by a fen; exit 1 if one does. With <c>--code</c>, one decision by its verification code (核验码).
/// </summary>
internal static class DecisionsCommand
{
    public static Command Create(CliOutput io)
    {
        var db = Common.DbOption();
        var code = new Option<string?>("--code") { Description = "只核验一份决定：奖补通知书上的核验码，如 7Q2M-9KXD-41PA" };
        var verify = new Command("verify", "逐份重算已批准、已拨付的奖补决定（按其快照、K 与修订），相差一分即报告") { db, code };
        verify.SetAction(r => Common.Guard(io, () =>
        {
            using var library = Common.OpenLibrary(r.GetValue(db));
            var rules = new RuleBook(PolicyEngine.Default);
            if (r.GetValue(code) is { } one)
            {
                if (Declaration.NormalizeCode(one) is null) throw new CliException($"核验码“{one}”格式不对：应为 12 位字母数字，如 7Q2M-9KXD-41PA");
                var found = DecisionRecords.FindAsync(library, rules, one).GetAwaiter().GetResult()
                    ?? throw new CliException($"没有核验码为 {Declaration.NormalizeCode(one)} 的奖补决定");
                Print(io, found);
                io.Out.WriteLine(found.Reproduces ? "结论：按记录的快照与规则重算，结果一致（到分）。" : $"结论：不一致——{found.Problem}");
                return found.Reproduces ? 0 : 1;
            }
            var all = DecisionRecords.VerifyAllAsync(library, rules).GetAwaiter().GetResult();
            foreach (var d in all.Where(d => !d.Reproduces)) io.Out.WriteLine($"{d.Number}（{Codes.Label(d.Scheme)} {d.Year}）：{d.Problem}");
            var bad = all.Count(d => !d.Reproduces);
            var revisions = all.SelectMany(d => d.Revisions).Distinct(StringComparer.Ordinal).Count();
            io.Out.WriteLine($"奖补决定 {all.Count} 份（已批准或已拨付）：重算一致 {all.Count - bad} 份，不一致 {bad} 份；涉及规则修订 {revisions} 项。");
            return bad == 0 ? 0 : 1;
        }));
        return new Command("decisions", "奖补决定（决定记录与核验码）") { verify };
    }

    private static void Print(CliOutput io, DecisionCheck d)
    {
        io.Out.WriteLine($"核验码：{d.Code}");
        io.Out.WriteLine($"申报：{d.Number}　{d.Enterprise}　{Codes.Label(d.Scheme)}　{d.Year} 年度　{(d.State == ApplicationState.Paid ? "已拨付" : "已批准")}");
        io.Out.WriteLine($"金额：{d.Amount.ToString("#,##0.00", CultureInfo.InvariantCulture)} 元");
        if (d.Reduced is { } cut) io.Out.WriteLine($"核减：测算 {cut.Computed.ToString("#,##0.00", CultureInfo.InvariantCulture)} 元，理由：{cut.Reason}");
        io.Out.WriteLine($"规则：{(d.KnownOn is { } k ? $"{k:yyyy-MM-dd} 已知的规则" : "规则包本身")}，修订 {(d.Revisions.Count == 0 ? "无" : string.Join("、", d.Revisions))}，参数版本 {d.ParameterVersion}");
        io.Out.WriteLine($"快照：SHA-256 {d.SnapshotHash}");
    }
}
