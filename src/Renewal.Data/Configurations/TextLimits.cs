namespace Renewal.Data;

/// <summary>
/// The maximum length of each free-text column a user can fill, in characters: the one source used both by the EF
/// configurations (<c>HasMaxLength</c>) and by the validation in the services and the web slices, so that an
/// over-long text is refused with a message naming the field before anything is written (PostgreSQL would throw on
/// the insert; SQLite would store it). Changing a value here changes the model: add a migration.
/// </summary>
public static class TextLimits
{
    /// <summary>application_events.comment: 审核意见 / 修改意见 / 理由 of a move.</summary>
    public const int MoveComment = 2000;
    /// <summary>applications.payment_reference: 支付凭证号.</summary>
    public const int PaymentReference = 100;
    /// <summary>objections.content: 异议内容.</summary>
    public const int ObjectionContent = 2000;
    /// <summary>objections.resolution: 处理意见.</summary>
    public const int ObjectionResolution = 2000;
    /// <summary>objections.raised_by: the user name of who raised it.</summary>
    public const int ObjectionRaisedBy = 100;
    /// <summary>objections.contact: 联系方式 (phone or e-mail) of a public objector.</summary>
    public const int ObjectionContact = 100;
    /// <summary>姓名 of a public objector, stored in objections.raised_by (a bound tighter than the column's).</summary>
    public const int ObjectorName = 50;
    /// <summary>progress_reports.note: 进展说明.</summary>
    public const int ProgressNote = 1000;
    /// <summary>projects.code: 项目编号.</summary>
    public const int ProjectCode = 50;
    /// <summary>projects.name: 项目名称.</summary>
    public const int ProjectName = 200;
    /// <summary>loans.code: 贷款编号.</summary>
    public const int LoanCode = 50;
    /// <summary>loans.bank: 贷款银行.</summary>
    public const int LoanBank = 100;
    /// <summary>users.user_name (also the user name copied into events, audit entries and simulations).</summary>
    public const int UserName = 64;
    /// <summary>users.display_name: 显示名称.</summary>
    public const int DisplayName = 100;
    /// <summary>
    /// 密码 as typed: no column (only its hash is stored, users.password_hash 200), so a sensible bound rather than a
    /// column's, keeping the hashing of a megabyte-long "password" out of reach.
    /// </summary>
    public const int Password = 128;
    /// <summary>api_tokens.name: 令牌用途 (the administrator's label of an API token).</summary>
    public const int ApiTokenName = 100;
    /// <summary>saved_simulations.name: 模拟名称.</summary>
    public const int SimulationName = 100;
    /// <summary>saved_simulations.overrides: the changed parameters as JSON.</summary>
    public const int SimulationOverrides = 4000;

    /// <summary>The refusal of an over-long text, naming the field by its label and its key, e.g. “审核意见（comment）不能超过 2000 字”.</summary>
    public static string TooLong(string label, string field, int max) => $"{label}（{field}）不能超过 {max} 字";

    /// <summary>The refusal when <paramref name="value"/> is longer than <paramref name="max"/>, else null.</summary>
    public static string? Check(string? value, string label, string field, int max) =>
        value is not null && value.Length > max ? TooLong(label, field, max) : null;
}
