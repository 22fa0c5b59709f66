using System.Xml.Linq;

namespace GridMeter.Server.Soap;

/// <summary>What an operation answers: the children of its response element, or a fault.</summary>
public sealed record SoapAnswer(IReadOnlyList<XElement> Content, SoapFault? Fault)
{
    public static SoapAnswer Of(IEnumerable<XElement> content) => new([.. content], null);

    public static implicit operator SoapAnswer(SoapFault fault) => new([], fault);
}
