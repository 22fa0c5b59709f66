namespace GridMeter.Protocols.Dlms;

/// <summary>
/// Register (class 3) and Extended register (class 4), Blue Book §4.3.2–4.3.3: attribute 2 is the value,
/// 3 the scaler_unit; an extended register adds its status (4) and capture_time (5).
/// </summary>
public static class CosemRegister
{
    public const ushort ClassId = 3;
    public const ushort ExtendedClassId = 4;
    public const sbyte ValueAttribute = 2;
    public const sbyte ScalerUnitAttribute = 3;
    public const sbyte StatusAttribute = 4;
    public const sbyte CaptureTimeAttribute = 5;

    public static CosemAttribute Value(Obis register, bool extended = false) => new(extended ? ExtendedClassId : ClassId, register, ValueAttribute);

    public static CosemAttribute ScalerUnitOf(Obis register, bool extended = false) => new(extended ? ExtendedClassId : ClassId, register, ScalerUnitAttribute);

    public static CosemAttribute CaptureTime(Obis register) => new(ExtendedClassId, register, CaptureTimeAttribute);

    /// <summary>A register read: the value with its scaler_unit as GridMeter reads it.</summary>
    public static DecodeResult<MeterValue> Read(Obis register, DlmsData value, DlmsData scalerUnit)
    {
        var scaler = ScalerUnit.TryFrom(scalerUnit);
        if (!scaler.IsSuccess)
        {
            return scaler.Error;
        }
        return scaler.Value.Apply(register, value) is { } reading
            ? new DecodeResult<MeterValue>(reading, 0)
            : ProtocolError.Malformed($"The value of {register} is not a finite number: {value}");
    }

    /// <summary>An extended register read: as <see cref="Read"/>, stamped with its capture_time.</summary>
    public static DecodeResult<MeterValue> ReadExtended(Obis register, DlmsData value, DlmsData scalerUnit, DlmsData captureTime)
    {
        var reading = Read(register, value, scalerUnit);
        var time = CosemDateTime.TryRead(captureTime);
        if (!reading.IsSuccess || !time.IsSuccess)
        {
            return reading.IsSuccess ? time.Error : reading.Error;
        }
        return new DecodeResult<MeterValue>(reading.Value with { Timestamp = time.Value.ToDateTimeOffset() }, 0);
    }
}
