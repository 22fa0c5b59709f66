using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GridMeter.Mqtt.Broker;
using GridMeter.Mqtt.Packets;
using GridMeter.Mqtt.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GridMeter.Mqtt.Tests;

/// <summary>How a host runs the broker: its own listener (plain and TLS), or an endpoint of the app's Kestrel.</summary>
public sealed class MqttHostingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tls_listener_with_a_pem_or_pfx_certificate_serves_our_client_and_mosquitto_pub()
    {
        var directory = Directory.CreateTempSubdirectory("gridmeter-mqtt-tls-").FullName;
        try
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            var certPath = Path.Combine(directory, "broker.crt");
            var keyPath = Path.Combine(directory, "broker.key");
            await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem(), Cancel);
            await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem(), Cancel);
            await using var broker = await TestBroker.StartAsync(o => (o.TlsPort, o.TlsCertificatePath, o.TlsKeyPath) = (0, certPath, keyPath));
            var tlsPort = broker.Broker.TlsPort ?? throw new InvalidOperationException("no TLS port");
            Assert.NotEqual(broker.Port, tlsPort);
            await using var subscriber = await TestClients.ConnectAsync(tlsPort, "tls-sub", configure: o =>
            {
                o.UseTls = true;
                o.TlsTargetHost = "localhost";
                o.CertificateValidation = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString();
            });
            var inbox = new Inbox(subscriber);
            await subscriber.SubscribeAsync("tls/#", MqttQualityOfService.AtLeastOnce, Cancel);
            var (exit, output, errors) = await ChildProcess.RunAsync(OutsideTools.MosquittoPub,
                ["-h", "localhost", "-p", $"{tlsPort}", "--cafile", certPath, "-t", "tls/hello", "-q", "1", "-m", "over tls"], OutsideTools.ToolTimeout);
            Assert.True(exit == 0, $"mosquitto_pub over TLS failed: {output} {errors}");
            Assert.Equal("over tls", (await inbox.NextAsync("the message mosquitto_pub sent over TLS")).Text());

            var pfxPath = Path.Combine(directory, "broker.pfx");
            await File.WriteAllBytesAsync(pfxPath, certificate.Export(X509ContentType.Pfx, "pfx-secret"), Cancel);
            await using var pfxBroker = await TestBroker.StartAsync(o => (o.TlsPort, o.TlsCertificatePath, o.TlsCertificatePassword) = (0, pfxPath, "pfx-secret"));
            await using var pfxClient = await TestClients.ConnectAsync(pfxBroker.Broker.TlsPort!.Value, "pfx", configure: o =>
            {
                o.UseTls = true;
                o.TlsTargetHost = "localhost";
                o.CertificateValidation = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString();
            });
            Assert.True(pfxClient.IsConnected, "a PKCS#12 certificate serves TLS as well");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Mqtt_can_be_an_endpoint_of_the_applications_own_kestrel()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddMqttBroker(o => (o.Listen, o.AllowAnonymous) = (false, true));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseMqtt()));
        await using var app = builder.Build();
        await app.StartAsync(Cancel);
        var broker = app.Services.GetRequiredService<MqttBroker>();
        Assert.NotEqual(0, broker.Port);
        await using var client = await TestClients.ConnectAsync(broker.Port, "on-app-kestrel");
        Assert.True(client.IsConnected);
        await app.StopAsync(Cancel);
    }

    [Theory]
    [InlineData("port out of range")]
    [InlineData("maximum packet size too small")]
    [InlineData("TLS port without a certificate")]
    public async Task Invalid_options_stop_the_host_from_starting(string what)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddMqttBroker(o =>
        {
            o.Port = 0;
            switch (what)
            {
                case "port out of range": o.Port = 70_000; break;
                case "maximum packet size too small": o.MaximumPacketSize = 10; break;
                default: o.TlsPort = 0; break;
            }
        });
        using var host = builder.Build();
        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Cancel));
    }
}
