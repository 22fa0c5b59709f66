namespace GridMeter.Server.Streams;

/// <summary>One stream: its full path and unit.</summary>
public sealed record StreamInfo(string Path, string Unit);
