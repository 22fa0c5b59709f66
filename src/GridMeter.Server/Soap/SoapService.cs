namespace GridMeter.Server.Soap;

/// <summary>A SOAP service: a name under /soap/ and the operations its WSDL describes.</summary>
public sealed record SoapService(string Name, string Summary, IReadOnlyList<SoapOperation> Operations)
{
    /// <summary>One target namespace for every service: the element names differ per operation.</summary>
    public const string Namespace = "urn:gridmeter:soap:v1";

    public SoapOperation? Find(string localName) => Operations.FirstOrDefault(o => o.Name == localName);
}
