
namespace Renewal.Exchange.Ledger;

/// <summary>One problem in a ledger, located as a person finds it in Excel.</summary>
/// <param name="Where">“工作表 贷款”, “文件 loans.csv”, or null for the workbook as a whole.</param>
/// <param name="Row">1-based Excel row (CSV: line), or 0 when the problem is not in one row.</param>
/// <param name="Column">The column's header text, or null.</param>
/// <param name="Message">What is wrong, in Chinese.</param>
public sealed record LedgerError(string? Where, int Row, string? Column, string Message)
{
    /// <summary>E.g. <c>工作表 贷款 第 5 行 列 放款日期：“2025-02-30”不是有效日期</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>(3);
        if (Where is not null) parts.Add(Where);
        if (Row > 0) parts.Add($"第 {Row} 行");
        if (Column is not null) parts.Add($"列 {Column}");
        return parts.Count == 0 ? Message : $"{string.Join(" ", parts)}：{Message}";
    }
}

/// <summary>A ledger that cannot be imported; <see cref="Errors"/> lists every problem found.</summary>
public sealed class LedgerException : Exception
{
    public LedgerException(IReadOnlyList<LedgerError> errors)
        : base(string.Join(Environment.NewLine, errors)) => Errors = errors;

    public LedgerException() => Errors = [];
    public LedgerException(string message) : base(message) => Errors = [new LedgerError(null, 0, null, message)];
    public LedgerException(string message, Exception inner) : base(message, inner) => Errors = [new LedgerError(null, 0, null, message)];

    public IReadOnlyList<LedgerError> Errors { get; }
}

/// <summary>A ledger file that cannot be opened as asked (missing, of an unknown type, a flag that does not fit it).</summary>
public sealed class LedgerInputException : Exception
{
    public LedgerInputException(string message) : base(message) { }
    public LedgerInputException() { }
    public LedgerInputException(string message, Exception inner) : base(message, inner) { }
}
