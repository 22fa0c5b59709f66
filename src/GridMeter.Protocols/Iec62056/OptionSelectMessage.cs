using System.Buffers;

namespace GridMeter.Protocols.Iec62056;

/// <summary>
/// IEC 62056-21 §6.3.3 acknowledgement/option select message "ACK V Z Y CR LF" the master sends in mode C
/// to switch baud rate: V protocol control ('0' normal, '1' secondary, '2' HDLC = mode E), Z the baud-rate
/// character, Y mode control ('0' data readout, '1' programming).
/// </summary>
public sealed record OptionSelectMessage(char ProtocolControl, char BaudRateCharacter, char ModeControl)
{
    /// <summary>The usual request: read out all data at <paramref name="baudRate"/>.</summary>
    public static OptionSelectMessage DataReadout(int baudRate) => new('0', IdentificationMessage.ModeCCharacter(baudRate), '0');

    public void Encode(IBufferWriter<byte> output)
    {
        if (!IsDigit(ProtocolControl) || !IsDigit(BaudRateCharacter) || !IsDigit(ModeControl))
        {
            throw new ProtocolException("V, Z and Y of an option select message are digits");
        }
        var span = output.GetSpan(6);
        span[0] = IecCharacters.Ack;
        span[1] = (byte)ProtocolControl;
        span[2] = (byte)BaudRateCharacter;
        span[3] = (byte)ModeControl;
        span[4] = (byte)'\r';
        span[5] = (byte)'\n';
        output.Advance(6);
    }

    public static DecodeResult<OptionSelectMessage> TryDecode(ReadOnlySpan<byte> input)
    {
        for (var i = 0; i < Math.Min(input.Length, 6); i++)
        {
            var ok = i switch
            {
                0 => input[i] == IecCharacters.Ack,
                4 => input[i] == '\r',
                5 => input[i] == '\n',
                _ => IsDigit((char)input[i]),
            };
            if (!ok)
            {
                return ProtocolError.Malformed($"Byte {i} of an option select message is wrong: 0x{input[i]:X2}");
            }
        }
        if (input.Length < 6)
        {
            return ProtocolError.Incomplete("Option select message not complete");
        }
        return new DecodeResult<OptionSelectMessage>(new OptionSelectMessage((char)input[1], (char)input[2], (char)input[3]), 6);
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';
}
