namespace GridMeter.Server.Streams;

/// <summary>The rolled-up values of one stream.</summary>
public sealed record StreamValues(string Path, string Unit, IReadOnlyList<StreamPoint> Points);
