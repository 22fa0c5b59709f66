using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using NodaTime;

namespace GridMeter.Server.Soap;

/// <summary>
/// One call: the operation's request element, who sent it (a person or API key, or a device with
/// its meter secret), and readers for its parameters that collect every problem at once.
/// </summary>
public sealed class SoapCall(XElement request, Caller? person, Meter? device, HttpContext http)
{
    private readonly List<string> _problems = [];

    public static readonly XNamespace Ns = SoapService.Namespace;

    /// <summary>A person or an integrator's API key; null for a device.</summary>
    public Caller? Person => person;

    /// <summary>The meter whose secret authenticated the call, for devices.</summary>
    public Meter? Device => device;

    public IServiceProvider Services => http.RequestServices;

    public T Get<T>() where T : notnull => http.RequestServices.GetRequiredService<T>();

    public XElement Request => request;

    /// <summary>A fault naming every bad parameter, or null when all were fine.</summary>
    public SoapFault? Problem => _problems.Count == 0 ? null : SoapFault.Client(string.Join("; ", _problems));

    public string? Text(string name, bool required = true, int maxLength = 200)
    {
        var value = request.Element(Ns + name)?.Value;
        if (value is null or "")
        {
            if (required)
            {
                _problems.Add($"{name} is required");
            }
            return null;
        }
        if (value.Length > maxLength || value.Any(char.IsControl))
        {
            _problems.Add($"{name} must be at most {maxLength} printable characters");
            return null;
        }
        return value;
    }

    /// <summary>An xsd:dateTime that carries its offset: a time without one is ambiguous for a meter in another zone.</summary>
    public Instant Time(string name) => ParseTime(name, Text(name, maxLength: 40));

    public Instant ParseTime(string name, string? text)
    {
        if (text is null)
        {
            return default;
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) || !HasOffset(text))
        {
            _problems.Add($"{name} must be an xsd:dateTime with an offset, such as 2026-11-21T10:15:00Z");
            return default;
        }
        return Instant.FromDateTimeOffset(value);
    }

    public decimal? Number(XElement parent, string name)
    {
        var text = parent.Element(Ns + name)?.Value;
        if (text is null || text.Length > 40 || !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            _problems.Add($"{name} must be an xsd:decimal");
            return null;
        }
        return value;
    }

    public void Fail(string problem) => _problems.Add(problem);

    public static XElement Element(string name, object? value) => new(Ns + name, value switch
    {
        Instant instant => XmlConvert.ToString(instant.ToDateTimeOffset()),
        decimal number => XmlConvert.ToString(number),
        _ => value,
    });

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}
