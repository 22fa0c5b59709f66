using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;

namespace GridMeter.Server.WebPortal;

/// <summary>Reading the portal's plain HTML forms (application/x-www-form-urlencoded).</summary>
public static class PortalForm
{
    public static ProblemHttpResult Unreadable => TypedResults.Problem(
        "Send the form as application/x-www-form-urlencoded.", statusCode: StatusCodes.Status415UnsupportedMediaType);

    /// <summary>The form, or null when the body is not a readable form.</summary>
    public static async Task<IFormCollection?> ReadAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
        {
            return null;
        }
        try
        {
            return await http.Request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>A field's text, trimmed; null when missing or empty.</summary>
    public static string? Text(IFormCollection form, string name) =>
        form.TryGetValue(name, out StringValues values) && values.ToString().Trim() is { Length: > 0 } text ? text : null;
}
