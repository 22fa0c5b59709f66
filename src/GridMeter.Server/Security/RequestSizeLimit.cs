using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Security;

/// <summary>
/// Refuses a body larger than <see cref="SecurityOptions.MaxRequestBodyBytes"/> with 413 before
/// anything reads it, and caps bodies of unannounced length (chunked) at the same size.
/// </summary>
public sealed class RequestSizeLimit(RequestDelegate next, IOptions<SecurityOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = StatusCodes.Status413PayloadTooLarge, Detail = $"The body is larger than {limit} bytes." },
            });
            return;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
        else if (http.Request.ContentLength is null && http.Request.Body.CanRead)
        {
            http.Request.Body = new LimitedBody(http.Request.Body, limit);
        }
        await next(http);
    }
}
