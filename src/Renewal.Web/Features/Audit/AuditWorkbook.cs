using Renewal.Data.Entities;
using Renewal.Exchange.Xlsx;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Audit;

/// <summary>
/// The audit log's matches as an xlsx (下载 xlsx on /audit): a title naming the filter, Chinese headers, one row per
/// entry newest first with the change in words and the entry's full hash and previous hash (the chain itself is
/// verified on the page and by <c>renewal audit verify</c>). The stored records are not written raw: a person reads
/// words, not codes.
/// </summary>
public static class AuditWorkbook
{
    public const string Sheet = "审计日志";

    public static readonly IReadOnlyList<string> Headers =
        ["序号", "时间（北京时间）", "用户", "操作", "对象", "对象编号", "变更内容", "哈希", "前序哈希"];

    /// <summary>Rows above the first entry: the title, the filter and the headers.</summary>
    public const int HeaderRow = 3;

    public static string FileName(DateOnly today) => $"审计日志（{today:yyyyMMdd}）.xlsx";

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<AuditEntry> entries, string filterWords, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(entries);
        using var x = new XlsxWriter(output);
        var sheet = x.AddSheet(Sheet,
        [
            new(8, XStyle.WholeNumber), new(20, XStyle.Text), new(14, XStyle.Text), new(20, XStyle.Text), new(12, XStyle.Text), new(24, XStyle.Text),
            new(70, XStyle.Wrap), new(24, XStyle.Text), new(24, XStyle.Text),
        ], frozenRows: HeaderRow);
        var lastColumn = CellAddress.Of(Headers.Count - 1, 1)[..^1];
        sheet.Row(XValue.Text("昆山市工业设备更新管理平台 · 审计日志", XStyle.Bold));
        sheet.Merge($"A1:{lastColumn}1");
        sheet.Row(XValue.Text(filterWords));
        sheet.Merge($"A2:{lastColumn}2");
        sheet.Row([.. Headers.Select(h => XValue.Text(h, XStyle.Header))]);
        await foreach (var e in entries.WithCancellation(ct))
        {
            sheet.Row(
                new XValue(CellKind.Number, e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), XStyle.WholeNumber),
                XValue.Text(Display.Time(e.At, "yyyy-MM-dd HH:mm:ss"), XStyle.Text), XValue.Text(e.UserName, XStyle.Text),
                XValue.Text(AuditWords.Action(e.Entity, e.Action), XStyle.Text), XValue.Text(AuditWords.Entity(e.Entity), XStyle.Text),
                XValue.Text(e.EntityId, XStyle.Text), XValue.Text(AuditWords.ChangesText(e), XStyle.Wrap),
                XValue.Text(e.Hash, XStyle.Text), XValue.Text(e.PreviousHash, XStyle.Text));
        }
        x.Finish();
    }
}
