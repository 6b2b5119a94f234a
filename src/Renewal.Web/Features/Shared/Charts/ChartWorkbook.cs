using Microsoft.AspNetCore.Mvc;
using Renewal.Exchange.Library;
using Renewal.Exchange.Xlsx;

namespace Renewal.Web.Features.Shared.Charts;

/// <summary>The xlsx download of a chart: its title, Chinese headers, the exact figures as numbers.</summary>
public static class ChartWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The workbook as a file result named after the chart's title.</summary>
    public static FileContentResult File(ChartData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new FileContentResult(Bytes(data), ContentType) { FileDownloadName = FileName(data.Title) };
    }

    public static byte[] Bytes(ChartData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var headers = new List<string> { data.CategoryLabel };
        headers.AddRange(data.Series.Select(data.Header));
        if (data.Target is not null) headers.Add(data.TargetHeader);
        var rows = new List<TableWorkbook.Row>(data.Categories.Count);
        for (var i = 0; i < data.Categories.Count; i++)
        {
            var values = new List<decimal?>(headers.Count - 1);
            values.AddRange(data.Series.Select(s => i < s.Values.Count ? s.Values[i] : (decimal?)null));
            if (data.Target is { } t) values.Add(t);
            rows.Add(new TableWorkbook.Row(data.Categories[i], values));
        }
        return TableWorkbook.Write(data.Title, headers, rows);
    }

    /// <summary>The title without characters a file name cannot hold.</summary>
    public static string FileName(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var bad = Path.GetInvalidFileNameChars().Concat(['/', '\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var name = new string([.. title.Select(c => bad.Contains(c) || char.IsControl(c) ? '_' : c)]).Trim();
        return (name.Length == 0 ? "chart" : name) + ".xlsx";
    }
}
