using System.Net;
using System.Net.Http.Headers;

namespace GridMeter.Simulator.Tests.Firmware;

/// <summary>An HTTP image server in memory: honours Range like the GridMeter server, and counts requests.</summary>
public sealed class ImageServer(byte[] image) : HttpMessageHandler
{
    public int Requests { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        var from = request.Headers.Range?.Ranges.First().From ?? 0;
        var response = new HttpResponseMessage(from > 0 ? HttpStatusCode.PartialContent : HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(image, (int)from, image.Length - (int)from),
        };
        if (from > 0)
        {
            response.Content.Headers.ContentRange = new ContentRangeHeaderValue(from, image.Length - 1, image.Length);
        }
        return Task.FromResult(response);
    }
}
