using System.Net;
using GridMeter.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GridMeter.Server.Demo;

public static class DemoSetup
{
    /// <summary>With --demo: seed the demo utility, feed it simulated data and say how to log in.</summary>
    public static IHostApplicationBuilder AddDemo(this IHostApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue<bool>($"{GridMeterOptions.Section}:Demo"))
        {
            return builder;
        }
        var urls = builder.Configuration["urls"] ?? HostingSetup.DefaultUrl;
        if (!urls.Split(';', StringSplitOptions.RemoveEmptyEntries).All(IsLoopback))
        {
            // CONTRACT section 1: the demo logins share one password, so they never face a network.
            throw new InvalidOperationException($"--demo listens on loopback only (the demo logins use the password '{DemoFleet.Password}'); got --urls={urls}");
        }
        if (!(builder.Configuration.GetSection(Broker.BrokerOptions.Section).Get<Broker.BrokerOptions>() ?? new()).RunsEmbeddedBroker)
        {
            throw new InvalidOperationException("--demo runs its simulated meters over the embedded MQTT broker; leave GridMeter:Mqtt:Enabled on and GridMeter:Mqtt:ExternalBroker unset");
        }
        builder.Services.AddHostedService<DemoSeeder>();
        builder.Services.AddHostedService<DemoFeed>();
        builder.Services.AddHostedService<DemoBanner>();
        return builder;
    }

    private static bool IsLoopback(string url)
    {
        var host = new Uri(url.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal)).Host.Trim('[', ']');
        return host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>Prints where the demo is and how to log in, once the server listens.</summary>
    private sealed class DemoBanner(IHostApplicationLifetime lifetime, IServer server) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStarted.Register(() =>
            {
                var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? HostingSetup.DefaultUrl;
                Console.WriteLine($"""

                    GridMeter demo is running at {address}
                      logins: consumer, supplier, operator, admin — password "{DemoFleet.Password}"
                      try:    {address}/health   and   {address}/openapi/v1.json

                    """);
            });
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
