using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Services.Workflow;

namespace Renewal.Cli.Commands;

/// <summary>
/// <c>renewal declarations verify [--db PATH]</c>: evaluates every declaration of record (申报快照) again from its stored
/// scenario and reports any whose hash no longer matches or whose amount differs by a fen (ADR-018). Records decided
/// under the revisions stored in the library are evaluated under exactly those (their K and revision ids); records whose
/// parameter version is still another are counted apart (decided under another release's pack).
/// </summary>
internal static class DeclarationsCommand
{
    public static Command Create(CliOutput io)
    {
        var db = Common.DbOption();
        var verify = new Command("verify", "逐份重算申报快照：校验码不符或金额相差一分即报告") { db };
        verify.SetAction(r => Common.Guard(io, () =>
        {
            using var library = Common.OpenLibrary(r.GetValue(db));
            var rules = new Renewal.Services.Revisions.RuleBook(PolicyEngine.Default);
            rules.Refresh(library);
            var schemes = library.Applications.AsNoTracking().ToDictionary(a => a.Id, a => (a.Scheme, a.Number));
            int same = 0, other = 0, differ = 0;
            foreach (var d in library.Declarations.AsNoTracking().OrderBy(d => d.Id).AsEnumerable())
            {
                var (scheme, number) = schemes[d.ApplicationId];
                var what = d.Purpose == DeclarationPurpose.Approval ? $"{number} 批准依据（{d.VersionText}）" : $"{number} {d.VersionText}";
                PolicyEngine engine;
                try
                {
                    engine = rules.Reproduce(d.RevisionIds, d.KnownOn);
                }
                catch (KeyNotFoundException e)
                {
                    differ++;
                    io.Out.WriteLine($"{what}：{e.Message}");
                    continue;
                }
                if (d.IsIntact && !string.Equals(d.ParameterVersion, engine.Parameters.Fingerprint, StringComparison.Ordinal))
                {
                    other++;
                    continue;
                }
                if (DeclarationOfRecord.Verify(engine, d, scheme) is { } problem)
                {
                    differ++;
                    io.Out.WriteLine($"{what}：{problem}");
                }
                else same++;
            }
            io.Out.WriteLine($"申报快照 {same + other + differ} 份：重算一致 {same} 份，不一致 {differ} 份，其他参数版本 {other} 份（未重算）。");
            return differ == 0 ? 0 : 1;
        }));
        return new Command("declarations", "申报快照（申报记录）") { verify };
    }
}
