using System.Text;

namespace GridMeter.Protocols.Iec62056;

/// <summary>Reads the data lines of a data block: address(value*unit) repeated, lines ending CR LF.</summary>
internal static class DataSetReader
{
    public static List<DataSet>? Read(ReadOnlySpan<byte> block, out string error)
    {
        error = "";
        var sets = new List<DataSet>();
        foreach (var range in block.Split("\r\n"u8))
        {
            var line = block[range];
            var address = "";
            while (!line.IsEmpty)
            {
                var open = line.IndexOf((byte)'(');
                var close = line.IndexOf((byte)')');
                if (open < 0 || close < open || !IecCharacters.IsPrintable(line[..(close + 1)]))
                {
                    error = $"'{Encoding.ASCII.GetString(line)}' is not address(value*unit)";
                    return null;
                }
                // IEC 62056-21 §6.5: a data set without an address continues the previous one (e.g. a capture time).
                address = open > 0 ? Encoding.ASCII.GetString(line[..open]) : address;
                var content = line[(open + 1)..close];
                var star = content.IndexOf((byte)'*');
                var value = Encoding.ASCII.GetString(star < 0 ? content : content[..star]);
                var unit = star < 0 ? "" : Encoding.ASCII.GetString(content[(star + 1)..]);
                sets.Add(new DataSet(address, value, unit));
                line = line[(close + 1)..];
            }
        }
        return sets;
    }
}
