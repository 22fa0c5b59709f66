using GridMeter.Mqtt.Broker;
using GridMeter.Server.Health;

namespace GridMeter.Server.Broker;

public static class BrokerSetup
{
    /// <summary>The embedded MQTT broker speaking the device protocol, unless turned off or replaced by an external broker.</summary>
    public static IHostApplicationBuilder AddBroker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BrokerOptions>().BindConfiguration(BrokerOptions.Section);
        var options = builder.Configuration.GetSection(BrokerOptions.Section).Get<BrokerOptions>() ?? new BrokerOptions();
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
