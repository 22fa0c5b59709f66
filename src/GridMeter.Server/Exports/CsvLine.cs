using System.Text;

namespace GridMeter.Server.Exports;

/// <summary>
/// One RFC 4180 line: fields with a comma, quote or line break are quoted; text a spreadsheet would
/// run as a formula (starting with = + - @) is prefixed with an apostrophe.
/// </summary>
public static class CsvLine
{
    public static string Of(params string?[] fields)
    {
        var line = new StringBuilder();
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }
            var field = fields[i] ?? "";
            if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@' && !decimal.TryParse(field, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                field = "'" + field;
            }
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                line.Append(field);
            }
        }
        return line.Append("\r\n").ToString();
    }
}
