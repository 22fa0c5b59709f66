using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;

namespace GridMeter.Server.WebPortal;

/// <summary>Reading the portal's plain HTML forms (application/x-www-form-urlencoded).</summary>
public static class PortalForm
{
    public static ProblemHttpResult Unreadable => TypedResults.Problem(
        "Send the form as application/x-www-form-urlencoded.", statusCode: StatusCodes.Status415UnsupportedMediaType);

    /// <summary>
    /// The form, or null when the body is not a readable form. A field holding a control character
    /// is refused with 400 (see <see cref="RefuseControlCharacters"/>).
    /// </summary>
    public static async Task<IFormCollection?> ReadAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
        {
            return null;
        }
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return null;
        }
        RefuseControlCharacters(form);
        return form;
    }

    /// <summary>
    /// No text GridMeter keeps holds a control character other than tab and line breaks (PostgreSQL
    /// cannot even store a NUL): a form field with one is a bad request, refused before anything
    /// reads it, as a problem document with status 400.
    /// </summary>
    public static void RefuseControlCharacters(IFormCollection form)
    {
        foreach (var (name, values) in form)
        {
            if (HasControlCharacter(name) || values.Any(v => v is not null && HasControlCharacter(v)))
            {
                throw new BadHttpRequestException("A form field holds a control character.", StatusCodes.Status400BadRequest);
            }
        }
    }

    /// <summary>A field's text, trimmed; null when missing or empty.</summary>
    public static string? Text(IFormCollection form, string name) =>
        form.TryGetValue(name, out StringValues values) && values.ToString().Trim() is { Length: > 0 } text ? text : null;

    /// <summary>A C0 control other than tab, line feed and carriage return, or DEL.</summary>
    private static bool HasControlCharacter(string text)
    {
        foreach (var c in text)
        {
            if ((c < ' ' && c is not ('\t' or '\n' or '\r')) || c == '\u007f')
            {
                return true;
            }
        }
        return false;
    }
}
