using System.CommandLine;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Policy.Parameters;
using Renewal.Policy.Scenarios;
using Renewal.Exchange.Ledger;

namespace Renewal.Cli.Commands;

/// <summary>Options and helpers shared by the commands.</summary>
internal static class Common
{
    public static Option<string[]> SetOption() => new("--set")
    {
        Description = "覆盖参数（假设分析），可多次使用：--set effective_investment.rate=0.10",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<string[]> RevisionOption() => new("--revision")
    {
        Description = "规则修订文件（YAML），可多次使用，按给出的顺序排在每个场景自己的 revisions 之后",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<string?> KnownOnOption() => new("--known-on")
    {
        Description = "按该日（yyyy-MM-dd）已公布的规则计算：之后公布的修订不适用（覆盖场景的 known_on）",
    };

    /// <summary>Parses <c>--known-on</c>.</summary>
    public static DateOnly? KnownOn(string? text)
    {
        if (text is null) return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? d
            : throw new CliException($"--known-on 应为 yyyy-MM-dd 格式的日期：{text}");
    }

    /// <summary>Reads the <c>--revision</c> files (V-1: each refused whole on any problem).</summary>
    public static List<Revision> ReadRevisions(string[]? files, PolicyEngine engine)
    {
        var result = new List<Revision>();
        foreach (var f in files ?? [])
        {
            if (!File.Exists(f)) throw new CliException($"找不到修订文件：{Path.GetFullPath(f)}");
            result.Add(RevisionReader.Read(File.ReadAllText(f), f, engine.Parameters));
        }
        return result;
    }

    /// <summary>The <c>--revision</c> files join each scenario's own list (after it); <c>--known-on</c> overrides its <c>known_on</c>.</summary>
    /// <exception cref="CliException">A <c>--revision</c> with the id of another revision of different content.</exception>
    public static List<Scenario> WithRevisions(IEnumerable<Scenario> scenarios, IReadOnlyList<Revision> revisions, DateOnly? knownOn)
    {
        var result = new List<Scenario>();
        foreach (var s in scenarios)
        {
            if (revisions.Count == 0 && knownOn is null) { result.Add(s); continue; }
            var own = s.Revisions.IsDefault ? [] : s.Revisions;
            foreach (var r in revisions)
            {
                if (own.FirstOrDefault(x => x.Id == r.Id) is { } same && same.Canonical() != r.Canonical())
                    throw new CliException($"修订编号 {r.Id} 重复：--revision {r.File} 与场景“{s.Name}”所列的 {same.File} 内容不同");
            }
            result.Add(s with { Revisions = own.AddRange(revisions.Where(r => !own.Any(x => x.Id == r.Id))), KnownOn = knownOn ?? s.KnownOn });
        }
        return result;
    }

    public static Option<FileInfo?> LprOption() => new("--lpr")
    {
        Description = "LPR 表 CSV（published_on,one_year_percent,five_year_plus_percent），默认使用内置表",
    };

    public static Option<string?> DbOption() => new("--db")
    {
        Description = "SQLite 数据库文件（默认 data/renewal.db，或环境变量 Database__Path）；PostgreSQL 用环境变量 Database__Provider=postgres 与 ConnectionStrings__Library",
    };

    /// <summary>Opens (creating and migrating on first use) the library chosen by <c>--db</c> or the environment.</summary>
    public static Renewal.Data.LibraryDbContext OpenLibrary(string? db) =>
        Renewal.Data.LibraryStore.Open(Renewal.Data.LibraryStore.FromEnvironment(db));

    /// <summary>Parses <c>name=value</c> pairs.</summary>
    public static List<KeyValuePair<string, string>> ParseSets(string[]? sets)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var s in sets ?? [])
        {
            var eq = s.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new ParameterException(s, $"--set 应为 参数名=值 的形式：{s}");
            result.Add(new(s[..eq].Trim(), s[(eq + 1)..].Trim()));
        }
        return result;
    }

    /// <summary>The engine with the embedded (or given) LPR table and the <c>--set</c> overrides.</summary>
    public static PolicyEngine Engine(string[]? sets, FileInfo? lpr)
    {
        var engine = PolicyEngine.Default;
        if (lpr is not null)
        {
            if (!lpr.Exists) throw new CliException($"找不到 LPR 文件：{lpr.FullName}");
            engine = new PolicyEngine(engine.Parameters, LprTable.Parse(File.ReadAllText(lpr.FullName), lpr.Name));
        }
        return engine.With(ParseSets(sets));
    }

    /// <summary>Reads a scenario file, with the engine's parameters (so overrides and vocabularies are checked).</summary>
    public static IReadOnlyList<Scenario> ReadScenarios(string path, PolicyEngine engine)
    {
        if (!File.Exists(path)) throw new CliException($"找不到场景文件：{Path.GetFullPath(path)}");
        return new ScenarioReader(engine.Parameters, null, File.ReadAllText).Read(File.ReadAllText(path), path);
    }

    /// <summary>Runs a command body, turning bad input into a clear message and exit code 2 (never a stack trace).</summary>
    public static int Guard(CliOutput io, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (ScenarioFormatException e)
        {
            io.Error.WriteLine($"场景文件有 {e.Errors.Count} 处错误：");
            foreach (var err in e.Errors) io.Error.WriteLine("  " + err);
            return 2;
        }
        catch (RevisionFormatException e)
        {
            io.Error.WriteLine($"修订文件有 {e.Errors.Count} 处错误，整份修订被拒绝：");
            foreach (var err in e.Errors) io.Error.WriteLine("  " + err);
            return 2;
        }
        catch (Exception e) when (e is ParameterException or CliException or LedgerInputException or FormatException or IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine("错误：" + e.Message);
            return 2;
        }
    }
}

/// <summary>A user error with a message fit to print.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message) : base(message) { }
    public CliException() { }
    public CliException(string message, Exception inner) : base(message, inner) { }
}
