namespace GridMeter.Protocols.Dlms;

/// <summary>
/// One column of a profile buffer (Blue Book §4.3.6 capture_object_definition): structure { class_id,
/// logical_name, attribute_index, data_index }.
/// </summary>
public sealed record CaptureObject(ushort ClassId, Obis LogicalName, sbyte AttributeIndex, ushort DataIndex = 0)
{
    public DlmsData ToData()
    {
        Span<byte> name = stackalloc byte[6];
        LogicalName.WriteLogicalName(name);
        return DlmsData.Structure(DlmsData.UInt16(ClassId), DlmsData.OctetString(name), DlmsData.Int8(AttributeIndex), DlmsData.UInt16(DataIndex));
    }

    public static CaptureObject? From(DlmsData data) =>
        data is { Type: DlmsDataType.Structure, Items: [{ Type: DlmsDataType.UInt16 } classId, { Type: DlmsDataType.OctetString } name, { Type: DlmsDataType.Int8 } attribute, { Type: DlmsDataType.UInt16 } index] }
            && name.Bytes.Length == 6
            ? new CaptureObject((ushort)classId.ToUInt64(), Obis.FromLogicalName(name.Bytes), (sbyte)attribute.ToInt64(), (ushort)index.ToUInt64())
            : null;

    /// <summary>The clock column: class 8 attribute 2.</summary>
    public bool IsClock => ClassId == CosemClock.ClassId && AttributeIndex == CosemClock.TimeAttribute;
}
