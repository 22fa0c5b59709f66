namespace GridMeter.Mqtt.Client;

/// <summary>Raised when the client connected (<see cref="Result"/> set) or lost its connection (<see cref="Exception"/> may say why).</summary>
public sealed class MqttClientConnectionEventArgs(MqttConnectResult? result, Exception? exception) : EventArgs
{
    public MqttConnectResult? Result { get; } = result;

    public Exception? Exception { get; } = exception;
}
