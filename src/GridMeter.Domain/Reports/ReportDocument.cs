using System.Globalization;
using System.Net;
using System.Text;

namespace GridMeter.Domain.Reports;

/// <summary>A rendered report: the e-mail body and the attachment.</summary>
public sealed record ReportDocument(string Title, string Html, string Csv)
{
    private const int BarWidthPx = 240;

    /// <summary>
    /// Renders rows as HTML whose chart is a table of coloured cells — mail clients show tables
    /// and background colours but run no scripts and often block images — and as CSV.
    /// </summary>
    public static ReportDocument Render(string title, string subtitle, IReadOnlyList<ReportRow> rows, bool withMinMax)
    {
        var max = rows.Max(r => r.Kwh) ?? 0m;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(Encode(title)).Append("</title></head>")
            .Append("<body style=\"font-family:Arial,sans-serif;color:#222\"><h2>").Append(Encode(title)).Append("</h2><p>")
            .Append(Encode(subtitle)).Append("</p>")
            .Append("<table role=\"presentation\" cellpadding=\"3\" cellspacing=\"0\" border=\"0\">")
            .Append("<tr><th align=\"left\">When / what</th><th align=\"left\">Chart</th><th align=\"right\">kWh</th>");
        if (withMinMax)
        {
            html.Append("<th align=\"right\">min</th><th align=\"right\">max</th><th align=\"right\">avg</th>");
        }
        html.Append("</tr>");
        foreach (var row in rows)
        {
            var width = max <= 0 || row.Kwh is not { } kwh || kwh <= 0 ? 0 : Math.Max(1, (int)Math.Round(kwh / max * BarWidthPx));
            html.Append("<tr><td>").Append(Encode(row.Label)).Append("</td><td width=\"").Append(BarWidthPx).Append("\">");
            html.Append(width == 0
                ? "&nbsp;"
                : $"<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td width=\"{width}\" height=\"12\" bgcolor=\"#2b7bb9\" style=\"background:#2b7bb9;font-size:1px;line-height:1px\">&nbsp;</td></tr></table>");
            html.Append("</td><td align=\"right\">").Append(Number(row.Kwh)).Append("</td>");
            if (withMinMax)
            {
                html.Append("<td align=\"right\">").Append(Number(row.MinKwh)).Append("</td><td align=\"right\">").Append(Number(row.MaxKwh))
                    .Append("</td><td align=\"right\">").Append(Number(row.AvgKwh)).Append("</td>");
            }
            html.Append("</tr>");
        }
        var total = rows.Sum(r => r.Kwh ?? 0m);
        html.Append("<tr><td><b>Total</b></td><td></td><td align=\"right\"><b>").Append(Number(total)).Append("</b></td></tr></table>")
            .Append("<p style=\"color:#666\">The figures are attached as CSV.</p></body></html>");
        return new ReportDocument(title, html.ToString(), CsvOf(rows, withMinMax));
    }

    private static string CsvOf(IReadOnlyList<ReportRow> rows, bool withMinMax)
    {
        var csv = new StringBuilder(withMinMax ? "label,kwh,min_kwh,max_kwh,avg_kwh\r\n" : "label,kwh\r\n");
        foreach (var row in rows)
        {
            csv.Append(CsvText(row.Label)).Append(',').Append(Number(row.Kwh));
            if (withMinMax)
            {
                csv.Append(',').Append(Number(row.MinKwh)).Append(',').Append(Number(row.MaxKwh)).Append(',').Append(Number(row.AvgKwh));
            }
            csv.Append("\r\n");
        }
        return csv.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Number(decimal? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "";

    /// <summary>RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet shows a name, not a formula.</summary>
    private static string CsvText(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@')
        {
            text = "'" + text;
        }
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
