using System.Buffers;
using System.Text;

namespace GridMeter.Protocols.Iec62056;

/// <summary>
/// IEC 62056-21 §6.3.4 data message "STX data block ! CR LF ETX BCC": the readout a meter sends after the
/// option select. The data block is lines of data sets, each line ending CR LF; BCC is the XOR of every
/// byte after STX up to and including ETX.
/// </summary>
public sealed record DataMessage(IReadOnlyList<DataSet> DataSets)
{
    /// <summary>Every data set that is a number with an OBIS address, in GridMeter units.</summary>
    public IEnumerable<MeterValue> Values()
    {
        foreach (var set in DataSets)
        {
            if (set.TryGetMeterValue(out var value))
            {
                yield return value;
            }
        }
    }

    /// <summary>Writes one data set per line.</summary>
    public void Encode(IBufferWriter<byte> output)
    {
        var text = new StringBuilder();
        foreach (var set in DataSets)
        {
            if (!set.IsValid)
            {
                throw new ProtocolException($"'{set}' breaks the IEC 62056-21 data set limits");
            }
            text.Append(set).Append("\r\n");
        }
        text.Append("!\r\n").Append((char)IecCharacters.Etx);
        var body = Encoding.ASCII.GetBytes(text.ToString());
        var span = output.GetSpan(body.Length + 2);
        span[0] = IecCharacters.Stx;
        body.CopyTo(span[1..]);
        span[body.Length + 1] = IecCharacters.Bcc(body);
        output.Advance(body.Length + 2);
    }

    public static DecodeResult<DataMessage> TryDecode(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return ProtocolError.Incomplete("Nothing received yet");
        }
        if (input[0] != IecCharacters.Stx)
        {
            return ProtocolError.Malformed("A data message starts with STX");
        }
        var etx = input.IndexOf(IecCharacters.Etx);
        if (etx < 0 || etx + 1 >= input.Length)
        {
            return ProtocolError.Incomplete("No ETX and BCC yet");
        }
        var body = input[1..(etx + 1)];
        if (IecCharacters.Bcc(body) != input[etx + 1])
        {
            return ProtocolError.BadChecksum($"BCC 0x{input[etx + 1]:X2} received, 0x{IecCharacters.Bcc(body):X2} computed");
        }
        if (!body.EndsWith("!\r\n\u0003"u8))
        {
            return ProtocolError.Malformed("The data block does not end with '!' CR LF");
        }
        var sets = DataSetReader.Read(body[..^4], out var error);
        return sets is null ? ProtocolError.Malformed(error) : new DecodeResult<DataMessage>(new DataMessage(sets), etx + 2);
    }
}
