namespace GridMeter.Protocols.Dlms;

/// <summary>Cosem-Method-Descriptor (Green Book §9.3.6): interface class, logical name, method index.</summary>
public readonly record struct CosemMethod(ushort ClassId, Obis Instance, sbyte Method)
{
    internal CosemAttribute AsDescriptor => new(ClassId, Instance, Method);

    public override string ToString() => $"class {ClassId} {Instance} method {Method}";
}
