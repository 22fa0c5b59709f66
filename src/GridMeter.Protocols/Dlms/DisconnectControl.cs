namespace GridMeter.Protocols.Dlms;

/// <summary>
/// Disconnect control (class 70, Blue Book §4.5.8), usually 0-0:96.3.10: attribute 2 output_state (boolean,
/// true = supply connected), 3 control_state, 4 control_mode; method 1 remote_disconnect and method 2
/// remote_reconnect, each with the parameter integer(0).
/// </summary>
public static class DisconnectControl
{
    public const ushort ClassId = 70;
    public const sbyte OutputStateAttribute = 2;
    public const sbyte ControlStateAttribute = 3;
    public const sbyte ControlModeAttribute = 4;
    public const sbyte RemoteDisconnectMethod = 1;
    public const sbyte RemoteReconnectMethod = 2;

    public static readonly Obis DefaultInstance = new(0, 0, 96, 3, 10);

    public static CosemAttribute OutputState(Obis? instance = null) => new(ClassId, instance ?? DefaultInstance, OutputStateAttribute);

    public static CosemAttribute ControlStateOf(Obis? instance = null) => new(ClassId, instance ?? DefaultInstance, ControlStateAttribute);

    public static ActionRequest RemoteDisconnect(Obis? instance = null, byte invokeIdAndPriority = GetRequest.DefaultInvokeId) =>
        new(invokeIdAndPriority, new CosemMethod(ClassId, instance ?? DefaultInstance, RemoteDisconnectMethod), DlmsData.Int8(0));

    public static ActionRequest RemoteReconnect(Obis? instance = null, byte invokeIdAndPriority = GetRequest.DefaultInvokeId) =>
        new(invokeIdAndPriority, new CosemMethod(ClassId, instance ?? DefaultInstance, RemoteReconnectMethod), DlmsData.Int8(0));

    public static DecodeResult<ControlState> ReadControlState(DlmsData data) =>
        data.Type == DlmsDataType.Enum && data.ToUInt64() <= 2
            ? new DecodeResult<ControlState>((ControlState)data.ToUInt64(), 0)
            : ProtocolError.Malformed($"control_state is enum 0–2, not {data}");

    public static DecodeResult<bool> ReadOutputState(DlmsData data) =>
        data.Type == DlmsDataType.Boolean ? new DecodeResult<bool>(data.ToBoolean(), 0) : ProtocolError.Malformed($"output_state is boolean, not {data}");
}
