namespace GridMeter.Server.Streams;

/// <summary>One rolled-up value of a stream: local start and end with offset, the value (null when nothing is known) and the worst quality.</summary>
public sealed record StreamPoint(string Start, string End, decimal? Value, string Quality);
