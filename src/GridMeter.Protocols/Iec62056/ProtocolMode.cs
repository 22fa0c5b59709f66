namespace GridMeter.Protocols.Iec62056;

/// <summary>IEC 62056-21 §6.1 protocol modes, as the baud-rate character of the identification tells them.</summary>
public enum ProtocolMode
{
    /// <summary>No baud-rate switch: the session stays at 300 baud.</summary>
    A,

    /// <summary>The meter switches baud rate on its own after the identification (letters A–I).</summary>
    B,

    /// <summary>The master acknowledges and proposes the baud rate (digits 0–9); mode E is mode C with "\2" (HDLC).</summary>
    C,
}
