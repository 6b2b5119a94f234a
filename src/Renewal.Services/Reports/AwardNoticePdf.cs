using System.Globalization;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Renewal.Policy.Model;
using Renewal.Services.Workflow;
using Renewal.Data.Entities;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Services;
using Renewal.Services.Simulation;
using Renewal.Services.Budget;
using Renewal.Services.Programme;
using Renewal.Services.Candidates;
using Renewal.Exchange.Xlsx;
using Renewal.Exchange.Library;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services.Reports;

/// <summary>
/// The award notice (奖补通知书) as an A4 PDF with the CJK font embedded (subset, with a ToUnicode map so the text can
/// be searched and copied). A pure function of the notice and the font: the date is the notice's, not the clock's.
/// </summary>
public static class AwardNoticePdf
{
    public const string Title = "昆山市工业设备更新奖补通知书";

    private const double PageWidth = 595.28; // A4 in points
    private const double PageHeight = 841.89;
    private const double Left = 64;
    private const double Right = PageWidth - 64;
    private const double Top = 64;
    private const double Bottom = PageHeight - 72;
    private static readonly double[] Columns = [30, 96, 86, 150, 105.28]; // 序号, 申报编号, 政策, 项目或贷款, 金额（元）: Right − Left
    private static readonly string[] Headers = ["序号", "申报编号", "政策", "项目或贷款", "金额（元）"];

    /// <summary>The file name of a notice: 奖补通知书-2025-913205….pdf.</summary>
    public static string FileName(AwardNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return $"奖补通知书-{notice.Year.ToString(CultureInfo.InvariantCulture)}-{notice.CreditCode}.pdf";
    }

    public static byte[] Render(AwardNotice notice, ReportFont font)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(font);
        using var doc = new PdfDocument();
        var when = notice.Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Local);
        doc.Info.Title = $"{Title}（{notice.Enterprise}，{notice.Year}年度）";
        doc.Info.Author = notice.IssuedBy;
        doc.Info.Subject = NoticeWorkbook.Programme;
        doc.Info.CreationDate = when;
        doc.Info.ModificationDate = when;
        using (var page = new Writer(doc, font.FamilyName))
        {
            Write(page, notice);
        }
        using var ms = new MemoryStream();
        doc.Save(ms, false);
        return ms.ToArray();
    }

    private static void Write(Writer w, AwardNotice n)
    {
        w.Centered(Title, w.TitleFont, 30);
        w.Centered($"（{n.Year.ToString(CultureInfo.InvariantCulture)}年度）", w.Body, 26);
        w.Gap(6);
        w.Paragraph($"{n.Enterprise}：", w.Body, indent: 0);
        w.Paragraph($"统一社会信用代码：{n.CreditCode}　　所在区镇：{n.Area}", w.Body, indent: 0);
        w.Gap(4);
        w.Paragraph($"你单位申报的{n.Year.ToString(CultureInfo.InvariantCulture)}年度工业设备更新奖补项目，经企业申报、区镇初审、市级审核和公示，"
            + $"根据《{NoticeWorkbook.Programme}》（昆政办发〔2024〕36号）附件《关于支持工业设备更新的实施细则（试行）》，核定奖补资金如下：", w.Body);
        w.Gap(6);

        w.TableHeader();
        var i = 0;
        foreach (var line in n.Lines)
        {
            i++;
            w.TableRow([i.ToString(CultureInfo.InvariantCulture), line.Number, Codes.Label(line.Scheme) + (line.State == Renewal.Data.Entities.ApplicationState.Paid ? "（已拨付）" : ""),
                line.Subject, Yuan(line.Amount)]);
        }
        w.TotalRow("合计", Yuan(n.Total));
        w.Gap(8);
        w.Paragraph($"奖补金额合计（大写）：人民币{ChineseAmount.Capital(n.Total)}（￥{Yuan(n.Total)}）", w.Body, indent: 0);
        w.Gap(8);

        w.Paragraph("政策依据（政策引擎测算时满足的条款）：", w.Body, indent: 0);
        foreach (var line in n.Lines)
        {
            var basis = line.Basis.Count == 0 ? "（无存档的测算说明）" : string.Join("；", line.Basis);
            w.Paragraph($"{line.Number}（{Codes.Label(line.Scheme)}）：{basis}", w.Small, indent: 12);
        }
        var versions = n.Lines.Select(l => l.ParameterVersion ?? "—").Distinct(StringComparer.Ordinal);
        w.Paragraph($"测算参数版本：{string.Join("、", versions)}", w.Small, indent: 12);
        // Issue 11: each decision's verification code, and where anyone checks it without signing in.
        var coded = n.Lines.Where(l => l.Code is not null).ToList();
        if (coded.Count > 0)
        {
            w.Gap(6);
            w.Paragraph("决定核验：每项奖补决定有其核验码，任何人无需登录即可在本平台核验（打开核验网址，或在 "
                + n.VerifyUrl("").TrimEnd('/') + " 输入核验码），核对申报编号、企业、金额，并按记录的申报快照与规则重算：", w.Small, indent: 0);
            foreach (var line in coded)
                w.Paragraph($"{line.Number}：核验码 {line.Code}　核验网址 {n.VerifyUrl(line.Code!)}", w.Small, indent: 12);
        }
        w.Gap(8);
        w.Paragraph("奖补资金按财政资金拨付程序下达。特此通知。", w.Body);
        w.Gap(24);
        w.RightAligned(n.IssuedBy, w.Body);
        w.RightAligned($"{n.Date.Year}年{n.Date.Month}月{n.Date.Day}日", w.Body);
    }

    private static string Yuan(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>Lays text top-down over as many pages as it needs; numbers the pages when there is more than one.</summary>
    private sealed class Writer : IDisposable
    {
        private readonly PdfDocument _doc;
        private readonly List<PdfPage> _pages = [];
        private XGraphics _g = null!;
        private double _y;
        private bool _inTable;

        public Writer(PdfDocument doc, string family)
        {
            _doc = doc;
            // Unicode for every string, digits too: one embedded font (Identity-H with ToUnicode) instead of a second WinAnsi copy.
            var unicode = new XPdfFontOptions(PdfFontEncoding.Unicode);
            TitleFont = new XFont(family, 20, XFontStyleEx.Regular, unicode);
            Body = new XFont(family, 11, XFontStyleEx.Regular, unicode);
            Cell = new XFont(family, 9.5, XFontStyleEx.Regular, unicode);
            Small = new XFont(family, 9, XFontStyleEx.Regular, unicode);
            NewPage();
        }

        public XFont TitleFont { get; }
        public XFont Body { get; }
        public XFont Cell { get; }
        public XFont Small { get; }

        private void NewPage()
        {
            _g?.Dispose();
            var page = _doc.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            _pages.Add(page);
            _g = XGraphics.FromPdfPage(page);
            _y = Top;
            if (_inTable) TableHeader();
        }

        private void Room(double height)
        {
            if (_y + height > Bottom) NewPage();
        }

        public void Gap(double points) => _y += points;

        public void Centered(string text, XFont font, double lineHeight)
        {
            Room(lineHeight);
            _g.DrawString(text, font, XBrushes.Black, new XRect(Left, _y, Right - Left, lineHeight), XStringFormats.Center);
            _y += lineHeight;
        }

        public void RightAligned(string text, XFont font)
        {
            var h = font.Size * 1.8;
            Room(h);
            _g.DrawString(text, font, XBrushes.Black, new XRect(Left, _y, Right - Left - 24, h), XStringFormats.CenterRight);
            _y += h;
        }

        /// <summary>A wrapped paragraph; the first line indented by two characters unless <paramref name="indent"/> is given.</summary>
        public void Paragraph(string text, XFont font, double? indent = null)
        {
            var h = font.Size * 1.7;
            var first = indent ?? font.Size * 2;
            var hanging = indent ?? 0;
            var lines = Wrap(text, font, Right - Left - first, Right - Left - hanging);
            for (var i = 0; i < lines.Count; i++)
            {
                Room(h);
                _g.DrawString(lines[i], font, XBrushes.Black, new XRect(Left + (i == 0 ? first : hanging), _y, Right - Left, h), XStringFormats.CenterLeft);
                _y += h;
            }
        }

        public void TableHeader()
        {
            _inTable = true;
            Row(Headers, header: true);
        }

        public void TableRow(string[] cells) => Row(cells, header: false);

        public void TotalRow(string label, string amount)
        {
            var h = Cell.Size * 2.2;
            Room(h);
            var labelWidth = Columns[..^1].Sum();
            _g.DrawRectangle(XPens.Black, Left, _y, labelWidth, h);
            _g.DrawRectangle(XPens.Black, Left + labelWidth, _y, Columns[^1], h);
            _g.DrawString(label, Cell, XBrushes.Black, new XRect(Left, _y, labelWidth, h), XStringFormats.Center);
            _g.DrawString(amount, Cell, XBrushes.Black, new XRect(Left + labelWidth, _y, Columns[^1] - 5, h), XStringFormats.CenterRight);
            _y += h;
            _inTable = false;
        }

        private void Row(string[] cells, bool header)
        {
            var lineHeight = Cell.Size * 1.45;
            var wrapped = cells.Select((c, i) => Wrap(c, Cell, Columns[i] - 8, Columns[i] - 8)).ToArray();
            var h = wrapped.Max(w => w.Count) * lineHeight + 8;
            if (!header && _y + h > Bottom) NewPage(); // repeats the header on the new page
            else Room(h);
            var x = Left;
            for (var i = 0; i < cells.Length; i++)
            {
                if (header) _g.DrawRectangle(XBrushes.Gainsboro, x, _y, Columns[i], h);
                _g.DrawRectangle(XPens.Black, x, _y, Columns[i], h);
                var right = !header && i == cells.Length - 1;
                for (var l = 0; l < wrapped[i].Count; l++)
                {
                    var rect = new XRect(x + 4, _y + 4 + l * lineHeight, Columns[i] - 8, lineHeight);
                    _g.DrawString(wrapped[i][l], Cell, XBrushes.Black, rect, header ? XStringFormats.Center : right ? XStringFormats.CenterRight : XStringFormats.CenterLeft);
                }
                x += Columns[i];
            }
            _y += h;
        }

        private const string NoLineStart = "）」』》〉】。，、；：！？)]}.,;:!?%";

        /// <summary>Breaks text into lines that fit, character by character (Chinese has no spaces to break at).</summary>
        private List<string> Wrap(string text, XFont font, double firstWidth, double width)
        {
            var lines = new List<string>();
            var line = new StringBuilder();
            var used = 0.0;
            foreach (var rune in text.EnumerateRunes())
            {
                var s = rune.ToString();
                var w = _g.MeasureString(s, font).Width;
                var limit = lines.Count == 0 ? firstWidth : width;
                // Closing punctuation never starts a line (避头): it may hang into the margin instead.
                if (used + w > limit && line.Length > 0 && !NoLineStart.Contains(s, StringComparison.Ordinal))
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    used = 0;
                }
                line.Append(s);
                used += w;
            }
            if (line.Length > 0 || lines.Count == 0) lines.Add(line.ToString());
            return lines;
        }

        public void Dispose()
        {
            _g.Dispose();
            if (_pages.Count < 2) return;
            for (var i = 0; i < _pages.Count; i++)
            {
                using var g = XGraphics.FromPdfPage(_pages[i], XGraphicsPdfPageOptions.Append);
                g.DrawString($"第 {i + 1} 页 / 共 {_pages.Count} 页", Small, XBrushes.Black,
                    new XRect(Left, PageHeight - 48, Right - Left, 16), XStringFormats.Center);
            }
        }
    }
}
