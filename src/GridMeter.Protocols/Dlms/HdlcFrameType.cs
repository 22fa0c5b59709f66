namespace GridMeter.Protocols.Dlms;

/// <summary>IEC 62056-46 §6.4.3 frame types of the control field.</summary>
public enum HdlcFrameType
{
    /// <summary>Information frame: carries an APDU (or a segment of one) with N(S) and N(R).</summary>
    Information,
    ReceiveReady,
    ReceiveNotReady,
    SetNormalResponseMode,
    Disconnect,
    UnnumberedAcknowledge,
    DisconnectedMode,
    FrameReject,
    UnnumberedInformation,
    Unknown,
}
