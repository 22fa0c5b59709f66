namespace GridMeter.Server.Soap;

/// <summary>One operation of a service: its request and response elements, and what answers it.</summary>
public sealed record SoapOperation(
    string Name,
    string Summary,
    IReadOnlyList<SoapField> Input,
    IReadOnlyList<SoapField> Output,
    Func<SoapCall, CancellationToken, Task<SoapAnswer>> Handle);
