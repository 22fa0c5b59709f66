using System.Text.Json;
using GridMeter.Domain.Devices;
using GridMeter.Mqtt.Broker;
using GridMeter.Mqtt.Packets;
using GridMeter.Server.Broker;

namespace GridMeter.Server.Commands;

/// <summary>Puts a command on meters/{id}/commands (QoS 1) through the embedded broker, or the external one.</summary>
public sealed class CommandDelivery(IServiceProvider services)
{
    /// <summary>
    /// How many sessions took the message (a connected meter, or a persistent session the broker
    /// keeps for it); 0 when no session listens, so the command stays pending; 0 without a broker.
    /// An external broker only tells whether any session took it (MQTT 5.0 PUBACK 0x10: none did).
    /// </summary>
    public async ValueTask<int> PublishAsync(CommandMessage message, string meterId, TimeSpan left, CancellationToken cancellationToken)
    {
        var mqttMessage = new MqttMessage
        {
            Topic = DeviceTopic.CommandsOf(meterId),
            Payload = JsonSerializer.SerializeToUtf8Bytes(message, CommandsJson.Default.CommandMessage),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            ContentType = "application/json",
            PayloadIsUtf8 = true,
            // MQTT 5.0 §3.3.2.3.3: a session the broker keeps for an offline meter drops the command once it has expired.
            MessageExpiryInterval = (uint)Math.Max(1, Math.Ceiling(left.TotalSeconds)),
        };
        // Resolved late: the broker is built with hooks that reach back into device messages.
        if (services.GetService<ExternalBrokerConnection>() is { } external)
        {
            return await external.PublishAsync(mqttMessage, cancellationToken);
        }
        var broker = services.GetService<MqttBroker>();
        return broker is null ? 0 : await broker.PublishAsync(mqttMessage, cancellationToken);
    }
}
