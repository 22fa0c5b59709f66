namespace GridMeter.Protocols.Iec62056;

/// <summary>
/// A sub-meter on the M-Bus behind the electricity meter (DSMR 5.0.2 §6.12, channel 0-n): its device
/// type (3 gas, 4 heat, 7 water …), equipment identifier and last reading with its capture time.
/// </summary>
public sealed record DsmrMBusDevice(byte Channel, int? DeviceType, string? EquipmentId, MeterValue? Reading);
