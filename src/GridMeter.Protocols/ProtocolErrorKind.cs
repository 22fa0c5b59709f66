namespace GridMeter.Protocols;

/// <summary>Why a decoder refused its input.</summary>
public enum ProtocolErrorKind
{
    /// <summary>The bytes so far are a valid beginning: read more and try again.</summary>
    Incomplete,

    /// <summary>A CRC, FCS, HCS or BCC did not match: the bytes were damaged on the line.</summary>
    BadChecksum,

    /// <summary>The bytes break the format (a wrong tag, a length beyond the data, a bad character).</summary>
    Malformed,

    /// <summary>Well-formed, but a feature this codec does not implement (ciphering, an unknown function).</summary>
    Unsupported,
}
