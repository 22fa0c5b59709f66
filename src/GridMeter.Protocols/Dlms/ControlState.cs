namespace GridMeter.Protocols.Dlms;

/// <summary>Blue Book §4.5.8 control_state of the disconnect control (class 70, attribute 3).</summary>
public enum ControlState : byte
{
    Disconnected = 0,
    Connected = 1,
    ReadyForReconnection = 2,
}
