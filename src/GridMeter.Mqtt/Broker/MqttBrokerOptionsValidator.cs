using Microsoft.Extensions.Options;

namespace GridMeter.Mqtt.Broker;

/// <summary>The checks data annotations cannot express: settings that depend on each other.</summary>
internal sealed class MqttBrokerOptionsValidator : IValidateOptions<MqttBrokerOptions>
{
    public ValidateOptionsResult Validate(string? name, MqttBrokerOptions options)
    {
        if (options.TlsPort is not null && string.IsNullOrWhiteSpace(options.TlsCertificatePath))
        {
            return ValidateOptionsResult.Fail("MQTT TlsPort needs TlsCertificatePath (a PEM or PFX certificate).");
        }
        if (options.TlsCertificatePath is { } path && !File.Exists(path))
        {
            return ValidateOptionsResult.Fail($"MQTT TLS certificate '{path}' does not exist.");
        }
        if (options.Listen && options.TlsPort is not null && options.TlsPort == options.Port && options.Port != 0)
        {
            return ValidateOptionsResult.Fail("MQTT Port and TlsPort must differ.");
        }
        return ValidateOptionsResult.Success;
    }
}
