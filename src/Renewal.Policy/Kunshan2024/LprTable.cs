using System.Collections.Immutable;
using System.Globalization;

namespace Renewal.Policy.Kunshan2024;

/// <summary>One publication of the loan prime rate (贷款市场报价利率).</summary>
/// <param name="PublishedOn">Publication date; in force from that day until the next publication.</param>
/// <param name="OneYear">1-year tenor, as a fraction.</param>
/// <param name="FiveYearPlus">5-year-and-above tenor, as a fraction.</param>
public sealed record LprRow(DateOnly PublishedOn, Rate OneYear, Rate FiveYearPlus);

/// <summary>
/// The LPR table by publication date (D-E4). A data file — <c>lpr.csv</c> — that is extended without a
/// release: the CLI accepts <c>--lpr FILE</c>, the platform a configured path.
/// </summary>
public sealed class LprTable
{
    private LprTable(ImmutableArray<LprRow> rows) => Rows = rows;

    /// <summary>Rows in publication order.</summary>
    public ImmutableArray<LprRow> Rows { get; }

    /// <summary>The latest row published on or before <paramref name="date"/>, or null when none is (D-E4).</summary>
    public LprRow? InForceOn(DateOnly date)
    {
        int lo = 0, hi = Rows.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Rows[mid].PublishedOn <= date) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found < 0 ? null : Rows[found];
    }

    /// <summary>The embedded table (shared/spec/lpr.csv as of the release).</summary>
    public static LprTable LoadKunshan2024()
    {
        using var stream = typeof(LprTable).Assembly.GetManifestResourceStream("Renewal.Policy.Kunshan2024.lpr.csv")
            ?? throw new InvalidOperationException("embedded lpr.csv is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "lpr.csv");
    }

    /// <summary>Parses <c>published_on,one_year_percent,five_year_plus_percent</c> rows (percent values).</summary>
    /// <exception cref="FormatException">A bad row; the message names the file, line and column.</exception>
    public static LprTable Parse(string csv, string fileName)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var rows = ImmutableArray.CreateBuilder<LprRow>();
        var lines = csv.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim().TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (i == 0 || line.StartsWith("published_on", StringComparison.Ordinal)) continue;
            var cells = line.Split(',');
            var where = $"{fileName} 第 {i + 1} 行";
            if (cells.Length != 3) throw new FormatException($"{where}：应有 3 列（published_on,one_year_percent,five_year_plus_percent），实为 {cells.Length} 列");
            if (!DateOnly.TryParseExact(cells[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new FormatException($"{where} published_on：“{cells[0]}”不是 yyyy-MM-dd 日期");
            var one = Percent(cells[1], where, "one_year_percent");
            var five = Percent(cells[2], where, "five_year_plus_percent");
            if (rows.Count > 0 && rows[^1].PublishedOn >= date)
                throw new FormatException($"{where} published_on：日期 {date:yyyy-MM-dd} 应晚于上一行");
            rows.Add(new LprRow(date, one, five));
        }
        if (rows.Count == 0) throw new FormatException($"{fileName}：没有任何 LPR 数据");
        return new LprTable(rows.ToImmutable());
    }

    private static Rate Percent(string text, string where, string column)
    {
        if (!decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var p) || p <= 0 || p >= 24)
            throw new FormatException($"{where} {column}：“{text}”不是 0–24 之间的百分数");
        return new Rate(p / 100m);
    }
}
