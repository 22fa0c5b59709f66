namespace GridMeter.Protocols;

/// <summary>What was wrong with a frame or telegram, as a value the caller can log or report.</summary>
public readonly record struct ProtocolError(ProtocolErrorKind Kind, string Message)
{
    public static ProtocolError Incomplete(string message) => new(ProtocolErrorKind.Incomplete, message);

    public static ProtocolError BadChecksum(string message) => new(ProtocolErrorKind.BadChecksum, message);

    public static ProtocolError Malformed(string message) => new(ProtocolErrorKind.Malformed, message);

    public static ProtocolError Unsupported(string message) => new(ProtocolErrorKind.Unsupported, message);

    public override string ToString() => $"{Kind}: {Message}";
}
