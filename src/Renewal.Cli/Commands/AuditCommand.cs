using System.CommandLine;
using Renewal.Data.Audit;

namespace Renewal.Cli.Commands;

/// <summary><c>renewal audit verify [--db PATH]</c>: checks the audit log's hash chain.</summary>
internal static class AuditCommand
{
    public static Command Create(CliOutput io)
    {
        var db = Common.DbOption();
        var verify = new Command("verify", "校验审计日志哈希链：任何记录被改动、插入或删除都会被发现") { db };
        verify.SetAction(r => Common.Guard(io, () =>
        {
            using var library = Common.OpenLibrary(r.GetValue(db));
            var count = library.Audit.LongCount();
            if (AuditLog.Verify(library) is { } broken)
            {
                io.Out.WriteLine($"审计日志哈希链已被破坏：{broken.Problem}（共 {count} 条）");
                return 1;
            }
            io.Out.WriteLine($"审计日志哈希链完整：共 {count} 条记录。");
            return 0;
        }));
        return new Command("audit", "审计日志") { verify };
    }
}
