using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GridMeter.Mqtt.Broker;

public static class MqttBrokerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the broker, its validated options, the allow-all hooks (unless an <see cref="IMqttBrokerHooks"/> is
    /// registered) and a hosted listener on <see cref="MqttBrokerOptions.Address"/>:<see cref="MqttBrokerOptions.Port"/>
    /// (and <see cref="MqttBrokerOptions.TlsPort"/>). Chain <c>.BindConfiguration("GridMeter:Mqtt")</c> to bind settings.
    /// </summary>
    public static OptionsBuilder<MqttBrokerOptions> AddMqttBroker(this IServiceCollection services, Action<MqttBrokerOptions>? configure = null)
    {
        var options = services.AddOptions<MqttBrokerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MqttBrokerOptions>, MqttBrokerOptionsValidator>());
        services.TryAddSingleton<IMqttBrokerHooks, AllowAllMqttBrokerHooks>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MqttBroker>();
        services.TryAddSingleton<MqttConnectionHandler>();
        services.AddHostedService<MqttBrokerListener>();
        return options;
    }
}
