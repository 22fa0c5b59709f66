using GridMeter.Mqtt.Broker;
using GridMeter.Server.Health;

namespace GridMeter.Server.Broker;

public static class BrokerSetup
{
    /// <summary>
    /// The embedded MQTT broker speaking the device protocol, unless turned off or replaced by an
    /// external broker, to which the node then connects as a client.
    /// </summary>
    public static IHostApplicationBuilder AddBroker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BrokerOptions>().BindConfiguration(BrokerOptions.Section)
            .Validate(o => !o.UsesExternalBroker || Uri.TryCreate(o.ExternalBroker, UriKind.Absolute, out var uri) && uri.Scheme is "mqtt" or "mqtts" or "tcp" or "ssl" or "tls",
                "GridMeter:Mqtt:ExternalBroker must be mqtt://host:port or mqtts://host:port")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ShareGroup) && o.ShareGroup.IndexOfAny(['/', '+', '#']) < 0, "GridMeter:Mqtt:ShareGroup must be a plain name")
            .ValidateOnStart();
        builder.Services.AddSingleton<BrokerAccounts>();
        builder.Services.AddSingleton<DeviceLogins>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BrokerJson.Default));
        var options = builder.Configuration.GetSection(BrokerOptions.Section).Get<BrokerOptions>() ?? new BrokerOptions();
        if (options.UsesExternalBroker)
        {
            builder.Services.AddSingleton<ExternalBrokerConnection>();
            builder.Services.AddHostedService(s => s.GetRequiredService<ExternalBrokerConnection>());
            builder.Services.AddHealthChecks().AddCheck<ExternalBrokerConnection>("mqtt");
            return builder;
        }
        if (!options.RunsEmbeddedBroker)
        {
            return builder;
        }
        builder.Services.AddSingleton<IMqttBrokerHooks, DeviceBrokerHooks>();
        builder.Services.AddMqttBroker().BindConfiguration(BrokerOptions.Section);
        builder.Services.AddSingleton<BrokerReadiness>();
        builder.Services.AddHostedService<BrokerStartup>();
        builder.Services.AddHealthChecks().AddCheck<BrokerReadiness>("mqtt");
        return builder;
    }
}
