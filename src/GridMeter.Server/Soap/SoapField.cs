namespace GridMeter.Server.Soap;

/// <summary>
/// One element of a request or response: a simple value (XSD type such as "xsd:string") or, when
/// <see cref="Fields"/> is set, a structure of simple values, repeated when <see cref="Many"/>.
/// </summary>
public sealed record SoapField(string Name, string Type, bool Optional = false, bool Many = false, IReadOnlyList<SoapField>? Fields = null)
{
    public const string Text = "xsd:string";
    public const string Time = "xsd:dateTime";
    public const string Number = "xsd:decimal";
    public const string Integer = "xsd:int";

    public static SoapField Of(string name, string type, bool optional = false) => new(name, type, optional);

    /// <summary>A structure named <paramref name="type"/>; its element may repeat.</summary>
    public static SoapField Group(string name, string type, bool many, params SoapField[] fields) => new(name, type, Optional: true, Many: many, Fields: fields);
}
