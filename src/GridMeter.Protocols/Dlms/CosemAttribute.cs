namespace GridMeter.Protocols.Dlms;

/// <summary>Cosem-Attribute-Descriptor (Green Book §9.3.6): interface class, logical name, attribute index.</summary>
public readonly record struct CosemAttribute(ushort ClassId, Obis Instance, sbyte Attribute)
{
    internal const int Length = 9;

    internal void Write(Span<byte> destination)
    {
        destination[0] = (byte)(ClassId >> 8);
        destination[1] = (byte)ClassId;
        Instance.WriteLogicalName(destination[2..]);
        destination[8] = (byte)Attribute;
    }

    internal static CosemAttribute Read(ReadOnlySpan<byte> bytes) =>
        new((ushort)((bytes[0] << 8) | bytes[1]), Obis.FromLogicalName(bytes[2..8]), (sbyte)bytes[8]);

    public override string ToString() => $"class {ClassId} {Instance} attribute {Attribute}";
}
