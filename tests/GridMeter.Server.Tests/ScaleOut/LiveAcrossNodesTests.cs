using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using GridMeter.Mqtt.Client;
using GridMeter.Mqtt.Packets;

namespace GridMeter.Server.Tests.ScaleOut;

/// <summary>
/// Live values over SSE in the scaled-out layout: the broker hands each live message to one node
/// of the shared subscription, yet a stream on any node shows every value.
/// </summary>
public sealed class LiveAcrossNodesTests(TwoNodeCluster fixture) : IClassFixture<TwoNodeCluster>
{
    private const int Values = 8;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_sse_client_on_each_node_sees_every_live_value_whichever_node_consumed_it()
    {
        var cluster = fixture.Cluster;
        var secret = await cluster.ProvisionMeterAsync(0, "LIVE-1");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var streams = new List<Channel<string>>();
        var readers = new List<Task>();
        var clients = new List<HttpClient>();
        for (var node = 0; node < 2; node++)
        {
            var http = await cluster.AdminClientAsync(node);
            clients.Add(http);
            var lines = Channel.CreateUnbounded<string>();
            streams.Add(lines);
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/meters/LIVE-1/live/stream");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancel);
            response.EnsureSuccessStatusCode();
            readers.Add(ReadAsync(response, lines.Writer, stop.Token));
        }

        await using var meter = new MqttClient(new MqttClientOptions { Port = cluster.Broker.Port, ClientId = "LIVE-1", Username = "LIVE-1", Password = secret });
        await meter.ConnectAsync(Cancel);
        // One value at a time, each the newest when it arrives: the broker hands them to the nodes in turn.
        var start = DateTimeOffset.UtcNow.AddSeconds(-Values - 5);
        for (var i = 0; i < Values; i++)
        {
            var value = (0.101m + (i / 1000m)).ToString(CultureInfo.InvariantCulture);
            var payload = $"{{\"ts\":\"{start.AddSeconds(i):yyyy-MM-ddTHH:mm:ssZ}\",\"values\":{{\"1-0:1.7.0\":{value}}}}}";
            await meter.PublishAsync(new MqttMessage { Topic = "meters/LIVE-1/live", Payload = Encoding.UTF8.GetBytes(payload) }, Cancel);
            for (var node = 0; node < 2; node++)
            {
                await SeeAsync(streams[node].Reader, value, $"node {node}'s live stream to show {value}");
            }
        }
        await stop.CancelAsync();
        clients.ForEach(c => c.Dispose());
    }

    private static async Task SeeAsync(ChannelReader<string> lines, string value, string expected)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        patience.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            while (!(await lines.ReadAsync(patience.Token)).Contains($"\"1-0:1.7.0\":{value}", StringComparison.Ordinal))
            {
                // An older event; keep reading.
            }
        }
        catch (OperationCanceledException) when (!Cancel.IsCancellationRequested)
        {
            Assert.Fail($"expected {expected} within 15 s");
        }
    }

    private static async Task ReadAsync(HttpResponseMessage response, ChannelWriter<string> lines, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    lines.TryWrite(line);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            // The test is over, or the node went away.
        }
        finally
        {
            lines.TryComplete();
            response.Dispose();
        }
    }
}
