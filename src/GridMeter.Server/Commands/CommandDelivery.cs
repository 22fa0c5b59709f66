using System.Text.Json;
using GridMeter.Domain.Devices;
using GridMeter.Mqtt.Broker;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Server.Commands;

/// <summary>Puts a command on meters/{id}/commands (QoS 1) through the embedded broker.</summary>
public sealed class CommandDelivery(IServiceProvider services)
{
    /// <summary>
    /// How many sessions took the message (a connected meter, or a persistent session the broker
    /// keeps for it); 0 when no session listens, so the command stays pending; 0 without a broker.
    /// </summary>
    public async ValueTask<int> PublishAsync(CommandMessage message, string meterId, TimeSpan left, CancellationToken cancellationToken)
    {
        // Resolved late: the broker is built with hooks that reach back into device messages.
        var broker = services.GetService<MqttBroker>();
        if (broker is null)
        {
            return 0;
        }
        return await broker.PublishAsync(new MqttMessage
        {
            Topic = DeviceTopic.CommandsOf(meterId),
            Payload = JsonSerializer.SerializeToUtf8Bytes(message, CommandsJson.Default.CommandMessage),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            ContentType = "application/json",
            PayloadIsUtf8 = true,
            // MQTT 5.0 §3.3.2.3.3: a session the broker keeps for an offline meter drops the command once it has expired.
            MessageExpiryInterval = (uint)Math.Max(1, Math.Ceiling(left.TotalSeconds)),
        }, cancellationToken);
    }
}
