namespace GridMeter.Server.WebPortal;

/// <summary>A register's newest reading: OBIS code, when, value in its unit.</summary>
public sealed record RegisterValue(string Obis, DateTimeOffset At, decimal Value, string Unit);
