using System.Buffers;
using System.Text;

namespace GridMeter.Protocols.Iec62056;

/// <summary>
/// IEC 62056-21 §6.3.1 request message "/?address!CR LF" that wakes a meter at 300 baud. An empty address
/// asks whichever meter listens (point-to-point); otherwise up to 32 characters name one meter on a bus.
/// </summary>
public sealed record SignOnRequest(string DeviceAddress = "")
{
    public void Encode(IBufferWriter<byte> output)
    {
        if (DeviceAddress.Length > 32 || !IecCharacters.IsPrintable(DeviceAddress) || DeviceAddress.AsSpan().ContainsAny("/?!"))
        {
            throw new ProtocolException("An IEC 62056-21 device address is up to 32 printable characters without / ? !");
        }
        output.Write(Encoding.ASCII.GetBytes($"/?{DeviceAddress}!\r\n"));
    }

    public static DecodeResult<SignOnRequest> TryDecode(ReadOnlySpan<byte> input)
    {
        if (input.Length < 5)
        {
            return "/?!\r\n"u8.StartsWith(input) ? ProtocolError.Incomplete("Request message not complete") : ProtocolError.Malformed("Not a request message");
        }
        if (input[0] != '/' || input[1] != '?')
        {
            return ProtocolError.Malformed("A request message starts with '/?'");
        }
        var end = input.IndexOf("!\r\n"u8);
        if (end < 0)
        {
            return input.Length > 37 ? ProtocolError.Malformed("The device address is longer than 32 characters")
                : ProtocolError.Incomplete("No '!' CR LF yet");
        }
        var address = input[2..end];
        if (address.Length > 32 || !IecCharacters.IsPrintable(address))
        {
            return ProtocolError.Malformed("The device address is not 0–32 printable characters");
        }
        return new DecodeResult<SignOnRequest>(new SignOnRequest(Encoding.ASCII.GetString(address)), end + 3);
    }
}
