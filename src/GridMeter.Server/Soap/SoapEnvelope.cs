using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace GridMeter.Server.Soap;

/// <summary>
/// Reads a SOAP 1.1 request envelope safely (no DTDs, no external entities, a size cap) and writes
/// response and fault envelopes. The one place that knows the envelope's shape.
/// </summary>
public static class SoapEnvelope
{
    public static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    public static readonly XNamespace Wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";

    public const string ContentType = "text/xml; charset=utf-8";

    /// <summary>The operation element in the body and the WS-Security UsernameToken, if any; or a fault.</summary>
    public static SoapFault? TryRead(ReadOnlyMemory<byte> body, out XElement operation, out (string User, string Password)? token)
    {
        operation = null!;
        token = null;
        XDocument document;
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersFromEntities = 0,
                MaxCharactersInDocument = body.Length + 1L,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
            });
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            return SoapFault.Client($"The body is not well-formed XML: {e.Message}");
        }
        var envelope = document.Root!;
        if (envelope.Name == Soap12 + "Envelope")
        {
            return new SoapFault("VersionMismatch", "GridMeter speaks SOAP 1.1 (http://schemas.xmlsoap.org/soap/envelope/)", StatusCodes.Status400BadRequest);
        }
        if (envelope.Name != Soap + "Envelope")
        {
            return SoapFault.Client("The body is not a SOAP 1.1 Envelope");
        }
        var header = envelope.Element(Soap + "Header");
        foreach (var entry in header?.Elements() ?? [])
        {
            // SOAP 1.1 §4.2.3: a header the receiver must understand but does not is a fault.
            if ((string?)entry.Attribute(Soap + "mustUnderstand") is "1" or "true" && entry.Name != Wsse + "Security")
            {
                return new SoapFault("MustUnderstand", $"GridMeter does not understand the header {entry.Name.LocalName}", StatusCodes.Status400BadRequest);
            }
        }
        var usernameToken = header?.Element(Wsse + "Security")?.Element(Wsse + "UsernameToken");
        if (usernameToken is not null)
        {
            var password = usernameToken.Element(Wsse + "Password");
            if (((string?)password?.Attribute("Type"))?.EndsWith("#PasswordDigest", StringComparison.Ordinal) == true)
            {
                return SoapFault.Client("Only PasswordText UsernameTokens are accepted (passwords are kept only as hashes)", StatusCodes.Status401Unauthorized);
            }
            token = (usernameToken.Element(Wsse + "Username")?.Value ?? "", password?.Value ?? "");
        }
        var content = envelope.Element(Soap + "Body")?.Elements().ToList();
        if (content is not { Count: 1 })
        {
            return SoapFault.Client("The Body must hold exactly one operation element");
        }
        operation = content[0];
        return null;
    }

    public static Task WriteAsync(HttpResponse response, XElement content, int status, CancellationToken cancellationToken)
    {
        var envelope = new XElement(Soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soap", Soap.NamespaceName),
            new XElement(Soap + "Body", content));
        response.StatusCode = status;
        response.ContentType = ContentType;
        return WriteDocumentAsync(response, envelope, cancellationToken);
    }

    public static Task WriteFaultAsync(HttpResponse response, SoapFault fault, CancellationToken cancellationToken) =>
        WriteAsync(response, new XElement(Soap + "Fault",
            new XElement("faultcode", $"soap:{fault.Code}"),
            new XElement("faultstring", XmlSafe(fault.Message))), fault.Status, cancellationToken);

    private static string XmlSafe(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = XmlConvert.IsXmlChar(source[i]) ? source[i] : '?';
        }
    });

    public static async Task WriteDocumentAsync(HttpResponse response, XElement root, CancellationToken cancellationToken)
    {
        await using var writer = XmlWriter.Create(response.Body, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), CheckCharacters = true });
        await root.WriteToAsync(writer, cancellationToken);
        await writer.FlushAsync();
    }
}
