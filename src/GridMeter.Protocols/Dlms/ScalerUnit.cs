namespace GridMeter.Protocols.Dlms;

/// <summary>
/// A register's scaler_unit (class 3 attribute 3, Blue Book §4.3.2): structure { integer scaler, enum unit }.
/// The true value is value × 10^scaler in that unit.
/// </summary>
public readonly record struct ScalerUnit(sbyte Scaler, byte Unit)
{
    public static readonly ScalerUnit None = new(0, DlmsUnit.Count);

    public DlmsData ToData() => DlmsData.Structure(DlmsData.Int8(Scaler), DlmsData.Enum(Unit));

    public static DecodeResult<ScalerUnit> TryFrom(DlmsData data) =>
        data is { Type: DlmsDataType.Structure, Items: [{ Type: DlmsDataType.Int8 } scaler, { Type: DlmsDataType.Enum } unit] }
            ? new DecodeResult<ScalerUnit>(new ScalerUnit((sbyte)scaler.ToInt64(), (byte)unit.ToUInt64()), 0)
            : ProtocolError.Malformed($"scaler_unit is structure {{integer, enum}}, not {data}");

    /// <summary>
    /// The value in GridMeter units: scaled exactly in decimal (a scaler of −3 divides by 1000), then
    /// Wh → kWh, W → kW and so on. Null when the value is not a number or cannot be represented.
    /// </summary>
    public MeterValue? Apply(Obis obis, DlmsData value, DateTimeOffset? timestamp = null)
    {
        if (!value.IsNumber || value.ToDecimal() is not { } raw || Scaler is < -28 or > 28)
        {
            return null;
        }
        var power = 1m;
        for (var i = 0; i < Math.Abs((int)Scaler); i++)
        {
            power *= 10m;
        }
        if (Scaler > 0 && Math.Abs(raw) > decimal.MaxValue / power)
        {
            return null;
        }
        var scaled = Scaler >= 0 ? raw * power : raw / power;
        return MeterValue.FromMeter(obis, scaled, DlmsUnit.Symbol(Unit), timestamp);
    }
}
