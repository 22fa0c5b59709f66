using System.Net;

namespace GridMeter.Server.Tests;

/// <summary>
/// A real HTTP port on loopback in front of the in-memory test server, for outside programs (a
/// Python SOAP client) that cannot use the test's HttpClient. Forwards method, path, body and
/// the headers a client sends, and answers with the server's status, content type and body.
/// </summary>
public sealed class LoopbackProxy : IAsyncDisposable
{
    private static readonly string[] Forwarded = ["Authorization", "SOAPAction", "X-Api-Key", "Accept"];

    private readonly HttpListener _listener = new();
    private readonly HttpClient _server;
    private readonly Task _loop;

    public LoopbackProxy(GridMeterApp app)
    {
        var port = GridMeter.Testing.FreePort.Next();
        BaseUrl = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _server = app.CreateClient();
        _loop = Task.Run(LoopAsync);
    }

    public string BaseUrl { get; }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ForwardAsync(context));
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), context.Request.RawUrl);
        request.Headers.Host = context.Request.Url!.Authority;
        if (context.Request.HasEntityBody)
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            request.Content = new ByteArrayContent(body.ToArray());
            if (context.Request.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }
        foreach (var name in Forwarded)
        {
            if (context.Request.Headers[name] is { } value)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        using var response = await _server.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
        _server.Dispose();
    }
}
