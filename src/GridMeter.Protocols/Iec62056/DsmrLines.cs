namespace GridMeter.Protocols.Iec62056;

/// <summary>Splits the body of a telegram into COSEM lines: OBIS(field)(field)…</summary>
internal static class DsmrLines
{
    public static List<DsmrObject>? Read(ReadOnlySpan<byte> body, out string error)
    {
        error = "";
        var objects = new List<DsmrObject>();
        List<string>? current = null;
        foreach (var range in body.Split((byte)'\n'))
        {
            var line = body[range].Trim(" \r\t"u8);
            if (line.IsEmpty)
            {
                continue;
            }
            if (DsmrParser.Ascii(line) is null)
            {
                error = "A line has bytes outside ASCII";
                return null;
            }
            var open = line.IndexOf((byte)'(');
            if (open == 0 && current is not null)
            {
                // DSMR 3.0 §5.5: the gas reading of 0-n:24.3.0 follows on its own line as "(value)".
                if (!ReadFields(line, current, out error))
                {
                    return null;
                }
                continue;
            }
            if (open <= 0 || !Obis.TryParse(line[..open], out var obis))
            {
                error = $"'{DsmrParser.Ascii(line)}' is not an OBIS(value) line";
                return null;
            }
            current = [];
            if (!ReadFields(line[open..], current, out error))
            {
                return null;
            }
            objects.Add(new DsmrObject(obis, current));
        }
        return objects;
    }

    private static bool ReadFields(ReadOnlySpan<byte> text, List<string> fields, out string error)
    {
        error = "";
        while (!text.IsEmpty)
        {
            var close = text.IndexOf((byte)')');
            if (text[0] != '(' || close < 0 || text[1..close].IndexOf((byte)'(') >= 0)
            {
                error = $"Unbalanced parentheses in '{DsmrParser.Ascii(text)}'";
                return false;
            }
            fields.Add(DsmrParser.Ascii(text[1..close])!);
            text = text[(close + 1)..];
        }
        return true;
    }
}
