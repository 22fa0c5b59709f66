using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace GridMeter.Server.Tests.GreenButton;

/// <summary>The ESPI 3.3 schemas of tests/testdata/espi, loaded without any network access.</summary>
public static class EspiSchema
{
    private static readonly Lazy<XmlSchemaSet> Schemas = new(Load);

    /// <summary>Every validation error and warning in <paramref name="feed"/>; empty when it is valid.</summary>
    public static List<string> Validate(string feed)
    {
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schemas.Value, DtdProcessing = DtdProcessing.Prohibit };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} at {e.Exception?.LineNumber}:{e.Exception?.LinePosition}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(feed), settings);
        while (reader.Read())
        {
        }
        return problems;
    }

    private static XmlSchemaSet Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "testdata", "espi");
        var set = new XmlSchemaSet { XmlResolver = null };
        // atom.xsd imports the W3C xml: attributes by URL; they are declared here instead of fetched.
        using (var xml = XmlReader.Create(new StringReader(XmlAttributes)))
        {
            set.Add(null, xml);
        }
        foreach (var file in new[] { "atom.xsd", "usage.xsd" })
        {
            using var reader = XmlReader.Create(Path.Combine(folder, file), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            set.Add(null, reader);
        }
        set.Compile();
        return set;
    }

    private const string XmlAttributes = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">
          <xs:attribute name="base" type="xs:anyURI"/>
          <xs:attribute name="lang" type="xs:language"/>
          <xs:attribute name="space" type="xs:NCName"/>
          <xs:attribute name="id" type="xs:ID"/>
        </xs:schema>
        """;

    public static XDocument Parse(string feed) => XDocument.Parse(feed);
}
