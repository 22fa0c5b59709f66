using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GridMeter.Mqtt.Broker;

/// <summary>
/// The broker's own Kestrel server, apart from the application's HTTP server, so listening for MQTT neither
/// needs a web host nor overrides the host's HTTP addresses. Runs only when <see cref="MqttBrokerOptions.Listen"/>.
/// </summary>
internal sealed class MqttBrokerListener(IServiceProvider services, MqttBroker broker, IOptions<MqttBrokerOptions> options, ILoggerFactory loggerFactory,
    IHostApplicationLifetime lifetime)
    : IHostedService, IAsyncDisposable
{
    private KestrelServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // Close MQTT connections as soon as the host stops, so Kestrel's graceful shutdown does not wait on them.
        lifetime.ApplicationStopping.Register(static state => ((MqttBroker)state!).CloseAll(), broker);
        if (!settings.Listen)
        {
            return;
        }
        var kestrel = new KestrelServerOptions { ApplicationServices = services, AddServerHeader = false };
        var address = ParseAddress(settings.Address);
        kestrel.Listen(address, settings.Port, listen => listen.UseMqtt());
        if (settings.TlsPort is { } tlsPort)
        {
            var certificate = LoadCertificate(settings);
            kestrel.Listen(address, tlsPort, listen =>
            {
                listen.UseMqttTls(certificate);
                listen.UseMqtt(tls: true);
            });
        }
        // The connection code never blocks, so socket completions may run it inline instead of hopping to
        // Kestrel's I/O queues: with thousands of devices each sending a little, the hops cost the most.
        var socketOptions = new SocketTransportOptions { UnsafePreferInlineScheduling = true };
        var transport = new SocketTransportFactory(Options.Create(socketOptions), loggerFactory);
        _server = new KestrelServer(Options.Create(kestrel), transport, loggerFactory);
        await _server.StartAsync(new NoHttpApplication(), cancellationToken);
        foreach (var endPoint in broker.EndPoints)
        {
            broker.Logger.Listening(endPoint, endPoint is IPEndPoint ip && ip.Port == broker.TlsPort ? " (TLS)" : "");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await broker.DisposeAsync();
        if (_server is not null)
        {
            await _server.StopAsync(cancellationToken);
        }
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static IPAddress ParseAddress(string address) => address switch
    {
        "*" or "0.0.0.0" => IPAddress.Any,
        "::" or "[::]" => IPAddress.IPv6Any,
        "localhost" => IPAddress.Loopback,
        _ => IPAddress.Parse(address),
    };

    /// <summary>PEM (certificate plus key file) or PKCS#12, chosen by the file's extension.</summary>
    internal static X509Certificate2 LoadCertificate(MqttBrokerOptions settings)
    {
        var path = settings.TlsCertificatePath!;
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".pfx" or ".p12")
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, settings.TlsCertificatePassword);
        }
        return settings.TlsKeyPath is { } keyPath
            ? X509Certificate2.CreateFromPemFile(path, keyPath)
            : X509Certificate2.CreateFromPemFile(path);
    }

    /// <summary>Kestrel wants an HTTP application; the MQTT endpoints never reach it.</summary>
    private sealed class NoHttpApplication : IHttpApplication<object>
    {
        public object CreateContext(IFeatureCollection contextFeatures) => throw new NotSupportedException("the MQTT listener serves no HTTP");

        public Task ProcessRequestAsync(object context) => throw new NotSupportedException("the MQTT listener serves no HTTP");

        public void DisposeContext(object context, Exception? exception)
        {
        }
    }
}
