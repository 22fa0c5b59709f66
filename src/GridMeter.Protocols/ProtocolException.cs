namespace GridMeter.Protocols;

/// <summary>
/// Misuse of a codec: a value an encoder cannot represent, or reading the value of a failed decode.
/// Malformed input never throws it; decoders return a <see cref="ProtocolError"/> instead.
/// </summary>
public sealed class ProtocolException : Exception
{
    public ProtocolException()
    {
    }

    public ProtocolException(string message) : base(message)
    {
    }

    public ProtocolException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
