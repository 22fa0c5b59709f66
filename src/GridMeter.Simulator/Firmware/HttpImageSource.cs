using System.Net;
using System.Net.Http.Headers;

namespace GridMeter.Simulator.Firmware;

/// <summary>Fetches an image over HTTP from an offset on, with a Range request, so a broken download resumes where it stopped.</summary>
public sealed class HttpImageSource(HttpClient http)
{
    /// <summary>The response from <paramref name="offset"/> on; <c>Resumed</c> is false when the server sent the whole image instead.</summary>
    public async Task<(Stream Body, bool Resumed, HttpResponseMessage Response)> OpenAsync(Uri url, long offset, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
        }
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var status = response.StatusCode;
            response.Dispose();
            throw new HttpRequestException($"the image server answered {(int)status}", null, status);
        }
        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return (body, response.StatusCode == HttpStatusCode.PartialContent, response);
    }
}
