namespace GridMeter.Domain.Readings;

public readonly record struct ObisCode;
