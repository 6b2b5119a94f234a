using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Renewal.Data.Entities;

/// <summary>What a <see cref="Declaration"/> records: the enterprise's submission, or the bureau's approval.</summary>
public enum DeclarationPurpose
{
    /// <summary>申报（提交）— what the enterprise declared when it submitted, version 1, 2, … (one per submission).</summary>
    Submission,
    /// <summary>批准依据 — what the approval was computed on: the declared figures of the version approved, the committed awards that day.</summary>
    Approval,
}

/// <summary>
/// 核减 — an approval below the computed amount (issue 12 item 5): the amount decided, per level for D, and why. The
/// bureau may approve less than the engine computed, never more.
/// </summary>
public sealed record Reduction(decimal Amount, string? ByLevel, string Reason)
{
    /// <summary>
    /// The decided amount per level for D (ADR-022): the reduction is taken from the Kunshan level first, then Suzhou, then
    /// the province — the city decides and pays last; the higher levels' shares follow their own rules. <paramref name="byLevel"/>
    /// is the computed split ("province=…;suzhou=…;kunshan=…"); the result has the same levels in the same order, but
    /// for a level reduced to nothing, which is left out.
    /// </summary>
    public static string Split(string byLevel, decimal decided)
    {
        ArgumentNullException.ThrowIfNull(byLevel);
        var parts = byLevel.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('='))
            .Select(p => (Level: p[0], Amount: decimal.Parse(p[1], CultureInfo.InvariantCulture))).ToList();
        var total = parts.Sum(p => p.Amount);
        if (decided < 0 || decided > total) throw new ArgumentOutOfRangeException(nameof(decided), "核减后的金额应在 0 与测算金额之间");
        var cut = total - decided;
        string[] order = ["kunshan", "suzhou", "province"];
        var result = parts.ToDictionary(p => p.Level, p => p.Amount, StringComparer.Ordinal);
        foreach (var level in order.Concat(parts.Select(p => p.Level).Where(l => !order.Contains(l))))
        {
            if (cut == 0) break;
            if (!result.TryGetValue(level, out var has)) continue;
            var take = Math.Min(has, cut);
            result[level] = has - take;
            cut -= take;
        }
        // As the computed split, a level that pays nothing is left out.
        return string.Join(';', parts.Where(p => result[p.Level] != 0).Select(p => $"{p.Level}={result[p.Level].ToString(CultureInfo.InvariantCulture)}"));
    }
}

/// <summary>
/// 申报快照 — the declaration of record (issue 10, ADR-018): the engine's whole input for an application's award, frozen
/// as a scenario file (SCENARIOS.md) with its SHA-256, and what the engine made of it (amount, per level, parameter
/// version, trace). Written once at submission (a resubmission is the next version) and once at approval; never
/// changed or deleted afterwards — the database refuses it (triggers on both providers) and so does the context.
/// Review, public notice and approval read it, never the live library; evaluating <see cref="Scenario"/> again with
/// the parameters of <see cref="ParameterVersion"/> gives <see cref="Amount"/> to the fen.
/// </summary>
public sealed class Declaration
{
    private Declaration() { }

    /// <summary>A new record of <paramref name="scenario"/> (the scenario file text) and the award computed from it.</summary>
    public static Declaration Record(int applicationId, DeclarationPurpose purpose, int version, string scenario, string subject, decimal amount,
        string? byLevel, string parameterVersion, string trace, string by, DateTimeOffset at, DateOnly? knownOn = null, string? revisions = null, string? materials = null, Reduction? reduction = null)
    {
        if (reduction is not null)
        {
            if (purpose != DeclarationPurpose.Approval) throw new ArgumentException("只有批准可以核减金额", nameof(reduction));
            if (reduction.Amount < 0 || reduction.Amount >= amount) throw new ArgumentOutOfRangeException(nameof(reduction), "核减后的批准金额应不低于 0 且低于测算金额");
            ArgumentException.ThrowIfNullOrWhiteSpace(reduction.Reason, nameof(reduction));
        }
        ArgumentException.ThrowIfNullOrEmpty(scenario);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        var d = new Declaration
        {
            ApplicationId = applicationId, Purpose = purpose, Version = version, Scenario = scenario, Hash = HashOf(scenario), Subject = subject,
            Amount = amount, ByLevel = byLevel, ParameterVersion = parameterVersion, Trace = trace, CreatedBy = by, CreatedAt = at,
            KnownOn = knownOn, Revisions = string.IsNullOrEmpty(revisions) ? null : revisions,
            Materials = string.IsNullOrEmpty(materials) ? null : materials,
            DecidedAmount = reduction?.Amount, DecidedByLevel = reduction?.ByLevel, DecisionReason = reduction?.Reason,
        };
        if (purpose == DeclarationPurpose.Approval) d.Code = CodeOf(d);
        return d;
    }

    /// <summary>
    /// The decision's verification code (核验码, issue 11): the first 60 bits of SHA-256 over what the decision rests on and
    /// what it gave — the application, the snapshot's hash, the revision ids, K, the amount and the amounts per level — in
    /// Crockford base 32, as <c>XXXX-XXXX-XXXX</c>. Printed on the award notice; <c>/verify/{code}</c> finds the decision.
    /// </summary>
    public static string CodeOf(Declaration d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var text = string.Join('|', d.ApplicationId.ToString(CultureInfo.InvariantCulture), d.Hash, d.Revisions ?? "",
            d.KnownOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", d.Amount.ToString("0.00", CultureInfo.InvariantCulture), d.ByLevel ?? "");
        // A reduced approval's code also covers what was decided and why (a record without one keeps the code it had).
        if (d.DecidedAmount is { } decided)
            text += "|" + string.Join('|', decided.ToString("0.00", CultureInfo.InvariantCulture), d.DecidedByLevel ?? "", d.DecisionReason ?? "");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        var bits = BitConverter.ToUInt64([.. hash.AsSpan(0, 8).ToArray().Reverse()]);
        var chars = new char[14];
        for (int i = 0, c = 0; i < 12; i++, c++)
        {
            if (i is 4 or 8) chars[c++] = '-';
            chars[c] = alphabet[(int)((bits >> (59 - 5 * i)) & 31)];
        }
        return new string(chars);
    }

    /// <summary>A code as people type it (lower case, O for 0, I/L for 1, spaces or no dashes) in the form <see cref="CodeOf"/> gives; null if it cannot be one.</summary>
    public static string? NormalizeCode(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        var sb = new StringBuilder(12);
        foreach (var ch in typed.ToUpperInvariant())
        {
            var c = ch switch { 'O' => '0', 'I' or 'L' => '1', _ => ch };
            if (c is '-' or ' ') continue;
            if (!"0123456789ABCDEFGHJKMNPQRSTVWXYZ".Contains(c, StringComparison.Ordinal)) return null;
            sb.Append(c);
        }
        if (sb.Length != 12) return null;
        return $"{sb.ToString(0, 4)}-{sb.ToString(4, 4)}-{sb.ToString(8, 4)}";
    }

    /// <summary>The SHA-256 of the scenario text (UTF-8), lower-case hex: what the record's <see cref="Hash"/> must be.</summary>
    public static string HashOf(string scenario) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scenario)));

    /// <summary>The unique index over (application, purpose, version): two submissions of one version can never both land.</summary>
    public const string UniqueIndex = "ux_declarations_version";

    /// <summary>The unique index over approval codes.</summary>
    public const string CodeIndex = "ux_declarations_code";

    public int Id { get; private set; }
    public int ApplicationId { get; private set; }
    public DeclarationPurpose Purpose { get; private set; }
    /// <summary>The submission's version (1 for the first); an approval carries the version it was approved on.</summary>
    public int Version { get; private set; }
    /// <summary>The engine's input, a scenario file (YAML) of the enterprise's declared figures and the committed earlier awards.</summary>
    public string Scenario { get; private set; } = "";
    /// <summary>SHA-256 of <see cref="Scenario"/>: the record's fingerprint, shown to reviewers and printed on the notice.</summary>
    public string Hash { get; private set; } = "";
    /// <summary>The application's subject as the scenario names it: the project key (A, B), the credit code (C), the loan code (D).</summary>
    public string Subject { get; private set; } = "";
    /// <summary>The award the engine computed from <see cref="Scenario"/> (for D the sum over levels).</summary>
    public decimal Amount { get; private set; }
    /// <summary>For D: per level, "province=…;suzhou=…;kunshan=…".</summary>
    public string? ByLevel { get; private set; }
    /// <summary>
    /// For an approval the bureau reduced (核减, issue 12 item 5): the amount decided, lower than <see cref="Amount"/> — what
    /// is paid; null when the computed amount was approved. Never higher: the record refuses it and so does the database
    /// (<see cref="ReductionCheck"/>).
    /// </summary>
    public decimal? DecidedAmount { get; private set; }
    /// <summary>For a reduced D approval: the decided amount per level (<see cref="Reduction.Split"/>), as <see cref="ByLevel"/>.</summary>
    public string? DecidedByLevel { get; private set; }
    /// <summary>Why the approval is lower than computed (核减理由).</summary>
    public string? DecisionReason { get; private set; }
    /// <summary>What the decision awards: the decided amount when reduced, else the computed one.</summary>
    public decimal Awarded => DecidedAmount ?? Amount;
    /// <summary>What the decision awards per level (D): the decided split when reduced, else the computed one.</summary>
    public string? AwardedByLevel => DecidedAmount is null ? ByLevel : DecidedByLevel;

    /// <summary>The check constraint: a decided amount is at least 0, below the computed one, and comes with its reason.</summary>
    public const string ReductionCheck = "ck_declarations_reduction";


    public string ParameterVersion { get; private set; } = "";
    /// <summary>The engine's explanation (JSON), rule by rule.</summary>
    public string Trace { get; private set; } = "";
    /// <summary>K of V-4: the revisions published on or before this day were the rules as known (null = the pack alone, or a record from before revisions were stored).</summary>
    public DateOnly? KnownOn { get; private set; }
    /// <summary>The ids of the revisions applied, in the order they were layered (comma-separated); null = none.</summary>
    public string? Revisions { get; private set; }
    /// <summary>
    /// The materials the submission carried (issue 12): one line per file, <c>name|version|sha256|file name</c>, in the
    /// call's order; null when the application's call asks for none (or it has no call).
    /// </summary>
    public string? Materials { get; private set; }
    /// <summary>For an approval: its verification code (<see cref="CodeOf"/>); null for a submission.</summary>
    public string? Code { get; private set; }
    /// <summary>The revision ids applied, as a list.</summary>
    public IReadOnlyList<string> RevisionIds => string.IsNullOrEmpty(Revisions) ? [] : Revisions.Split(',');
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Whether <see cref="Hash"/> is still the hash of <see cref="Scenario"/>.</summary>
    public bool IsIntact => string.Equals(Hash, HashOf(Scenario), StringComparison.Ordinal);

    /// <summary>The first characters of the hash, as people quote it (校验码).</summary>
    public string ShortHash => Hash.Length >= 12 ? Hash[..12] : Hash;

    /// <summary>"第 2 版" — the version as people say it.</summary>
    public string VersionText => string.Create(CultureInfo.InvariantCulture, $"第 {Version} 版");
}
