using GridMeter.Mqtt.Broker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GridMeter.Mqtt.Tests.Infrastructure;

/// <summary>Our broker in a generic host on a free loopback port, as the server runs it.</summary>
public sealed class TestBroker : IAsyncDisposable
{
    private readonly IHost _host;

    private TestBroker(IHost host)
    {
        _host = host;
        Broker = host.Services.GetRequiredService<MqttBroker>();
    }

    public MqttBroker Broker { get; }

    public int Port => Broker.Port;

    public IServiceProvider Services => _host.Services;

    public static async Task<TestBroker> StartAsync(Action<MqttBrokerOptions>? configure = null, IMqttBrokerHooks? hooks = null, TimeProvider? time = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (Environment.GetEnvironmentVariable("GRIDMETER_MQTT_TEST_LOG") is { Length: > 0 } level)
        {
            // Set GRIDMETER_MQTT_TEST_LOG=Debug to see the broker's log while chasing a failing test.
            builder.Logging.AddConsole().SetMinimumLevel(Enum.Parse<LogLevel>(level));
        }
        if (hooks is not null)
        {
            builder.Services.AddSingleton<IMqttBrokerHooks>(hooks);
        }
        if (time is not null)
        {
            builder.Services.AddSingleton<TimeProvider>(time);
        }
        builder.Services.AddMqttBroker(options =>
        {
            options.Port = 0;
            options.AllowAnonymous = true;
            configure?.Invoke(options);
        });
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new TestBroker(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(5));
        _host.Dispose();
    }
}
