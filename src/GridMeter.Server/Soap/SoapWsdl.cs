using System.Xml.Linq;

namespace GridMeter.Server.Soap;

/// <summary>
/// Writes a service's WSDL 1.1 (document/literal, wrapped) from its operation table, so the
/// description and the code that answers can never disagree.
/// </summary>
public static class SoapWsdl
{
    private static readonly XNamespace Wsdl = "http://schemas.xmlsoap.org/wsdl/";
    private static readonly XNamespace WsdlSoap = "http://schemas.xmlsoap.org/wsdl/soap/";
    private static readonly XNamespace Xsd = "http://www.w3.org/2001/XMLSchema";
    private static readonly XNamespace Tns = SoapService.Namespace;

    public static XElement For(SoapService service, string address)
    {
        var schema = new XElement(Xsd + "schema", new XAttribute("targetNamespace", Tns.NamespaceName), new XAttribute("elementFormDefault", "qualified"));
        var types = new Dictionary<string, SoapField>();
        foreach (var operation in service.Operations)
        {
            schema.Add(Element(operation.Name, operation.Input, types), Element(operation.Name + "Response", operation.Output, types));
        }
        foreach (var (name, group) in types.ToList())
        {
            schema.Add(new XElement(Xsd + "complexType", new XAttribute("name", name), Sequence(group.Fields!, types)));
        }
        return new XElement(Wsdl + "definitions",
            new XAttribute("name", service.Name),
            new XAttribute("targetNamespace", Tns.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "wsdl", Wsdl.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "soap", WsdlSoap.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "xsd", Xsd.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "tns", Tns.NamespaceName),
            new XElement(Wsdl + "documentation", service.Summary),
            new XElement(Wsdl + "types", schema),
            service.Operations.SelectMany(o => new[] { Message(o.Name + "Request", o.Name), Message(o.Name + "Response", o.Name + "Response") }),
            new XElement(Wsdl + "portType", new XAttribute("name", service.Name + "PortType"),
                service.Operations.Select(o => new XElement(Wsdl + "operation", new XAttribute("name", o.Name),
                    new XElement(Wsdl + "documentation", o.Summary),
                    new XElement(Wsdl + "input", new XAttribute("message", $"tns:{o.Name}Request")),
                    new XElement(Wsdl + "output", new XAttribute("message", $"tns:{o.Name}Response"))))),
            new XElement(Wsdl + "binding", new XAttribute("name", service.Name + "Binding"), new XAttribute("type", $"tns:{service.Name}PortType"),
                new XElement(WsdlSoap + "binding", new XAttribute("style", "document"), new XAttribute("transport", "http://schemas.xmlsoap.org/soap/http")),
                service.Operations.Select(o => new XElement(Wsdl + "operation", new XAttribute("name", o.Name),
                    new XElement(WsdlSoap + "operation", new XAttribute("soapAction", $"{SoapService.Namespace}/{service.Name}/{o.Name}"), new XAttribute("style", "document")),
                    new XElement(Wsdl + "input", new XElement(WsdlSoap + "body", new XAttribute("use", "literal"))),
                    new XElement(Wsdl + "output", new XElement(WsdlSoap + "body", new XAttribute("use", "literal")))))),
            new XElement(Wsdl + "service", new XAttribute("name", service.Name),
                new XElement(Wsdl + "port", new XAttribute("name", service.Name + "Port"), new XAttribute("binding", $"tns:{service.Name}Binding"),
                    new XElement(WsdlSoap + "address", new XAttribute("location", address)))));
    }

    private static XElement Message(string name, string element) =>
        new(Wsdl + "message", new XAttribute("name", name),
            new XElement(Wsdl + "part", new XAttribute("name", "parameters"), new XAttribute("element", $"tns:{element}")));

    private static XElement Element(string name, IReadOnlyList<SoapField> fields, Dictionary<string, SoapField> types) =>
        new(Xsd + "element", new XAttribute("name", name), new XElement(Xsd + "complexType", Sequence(fields, types)));

    private static XElement Sequence(IReadOnlyList<SoapField> fields, Dictionary<string, SoapField> types) =>
        new(Xsd + "sequence", fields.Select(f =>
        {
            if (f.Fields is not null)
            {
                types.TryAdd(f.Type, f);
            }
            return new XElement(Xsd + "element",
                new XAttribute("name", f.Name),
                new XAttribute("type", f.Fields is null ? f.Type : $"tns:{f.Type}"),
                new XAttribute("minOccurs", f.Optional ? 0 : 1),
                new XAttribute("maxOccurs", f.Many ? "unbounded" : "1"));
        }));
}
