namespace GridMeter.Server.Hosting;

/// <summary>
/// Turns a request the framework could not read — malformed JSON, a value of the wrong type, a
/// body over the size limit — into a problem document with the status it carries (400, 413, 415),
/// in every environment, instead of an unhandled exception. The client's input is not echoed.
/// </summary>
public sealed partial class BadRequests(RequestDelegate next, IProblemDetailsService problems, ILogger<BadRequests> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (BadHttpRequestException e) when (!http.Response.HasStarted)
        {
            LogRefused(e.StatusCode, http.Request.Method, http.Request.Path);
            http.Response.Clear();
            http.Response.StatusCode = e.StatusCode;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = e.StatusCode, Detail = Explain(e.StatusCode) },
            });
        }
    }

    private static string Explain(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "The body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        _ => "The request could not be read: malformed JSON, or a value of the wrong type or format.",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused an unreadable request ({Status}) to {Method} {Path}")]
    private partial void LogRefused(int status, string method, PathString path);
}
