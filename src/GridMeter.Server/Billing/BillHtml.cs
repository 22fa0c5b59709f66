using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace GridMeter.Server.Billing;

/// <summary>
/// A bill as a self-contained HTML page that prints well to PDF from the browser (A4, print
/// stylesheet, no scripts, nothing fetched). Every value is HTML-encoded.
/// </summary>
public static class BillHtml
{
    private const string Style = """
        @page { size: A4; margin: 18mm; }
        body { font: 11pt/1.4 system-ui, sans-serif; color: #111; max-width: 800px; margin: 2em auto; }
        h1 { font-size: 18pt; margin: 0 0 .2em; } .meta { color: #444; margin-bottom: 1.5em; }
        table { width: 100%; border-collapse: collapse; } th, td { padding: .35em .5em; border-bottom: 1px solid #ccc; text-align: left; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; } tfoot td { font-weight: 600; border-bottom: none; }
        tr.total td { border-top: 2px solid #111; font-size: 13pt; }
        @media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } tr { break-inside: avoid; } }
        """;

    public static string Render(BillResponse bill, string supplierName)
    {
        var e = HtmlEncoder.Default;
        var title = bill.Kind switch { "credit" => "Credit note", "debit" => "Debit note", _ => "Bill" };
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{title} {e.Encode(bill.Id)}</title><style>{Style}</style></head>
            <body><main>
            <h1>{title} {e.Encode(bill.Id)}</h1>
            <div class="meta">{e.Encode(supplierName)}<br>Meter {e.Encode(bill.MeterId)} · period {e.Encode(bill.From)} to {e.Encode(bill.To)}<br>Issued {e.Encode(bill.IssuedAt)}
            """);
        if (bill.Corrects is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<br>Corrects bill {e.Encode(bill.Corrects)}");
        }
        html.Append("""
            </div>
            <table><thead><tr><th>Item</th><th class="n">Quantity</th><th>Unit</th><th class="n">Price</th><th class="n">Amount</th></tr></thead><tbody>
            """);
        foreach (var line in bill.Lines)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{e.Encode(line.Name)}</td><td class=\"n\">{line.Quantity:0.######}</td><td>{e.Encode(line.Unit)}</td><td class=\"n\">{line.Price:0.######}</td><td class=\"n\">{line.Amount:0.00##}</td></tr>\n");
        }
        html.Append(CultureInfo.InvariantCulture, $"""
            </tbody><tfoot>
            <tr><td colspan="4">Subtotal</td><td class="n">{bill.Subtotal:0.00##}</td></tr>
            <tr><td colspan="4">VAT</td><td class="n">{bill.Vat:0.00##}</td></tr>
            <tr class="total"><td colspan="4">Total {e.Encode(bill.Currency)}</td><td class="n">{bill.Total:0.00##}</td></tr>
            </tfoot></table>
            <p>Energy imported: {bill.ImportKwh:0.###} kWh</p>
            </main></body></html>
            """);
        return html.ToString();
    }
}
