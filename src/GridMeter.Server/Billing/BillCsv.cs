using System.Globalization;
using System.Text;

namespace GridMeter.Server.Billing;

/// <summary>
/// Bills as CSV (RFC 4180), one row per line with the bill's figures repeated, for a spreadsheet
/// or an accounting import. Text cells that a spreadsheet would run as a formula are quoted with a
/// leading apostrophe.
/// </summary>
public static class BillCsv
{
    public const string Header = "bill,kind,corrects,meter,from,to,currency,line,quantity,unit,price,amount,subtotal,vat,total";

    public static string Render(IEnumerable<BillResponse> bills)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var bill in bills)
        {
            foreach (var line in bill.Lines)
            {
                csv.AppendJoin(',',
                    Text(bill.Id), Text(bill.Kind), Text(bill.Corrects ?? ""), Text(bill.MeterId), Text(bill.From), Text(bill.To), Text(bill.Currency),
                    Text(line.Name), Number(line.Quantity), Text(line.Unit), Number(line.Price), Number(line.Amount),
                    Number(bill.Subtotal), Number(bill.Vat), Number(bill.Total));
                csv.Append("\r\n");
            }
        }
        return csv.ToString();
    }

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
