namespace GridMeter.Server.Streams;

/// <summary>The full paths of the streams a (wildcard) path names, with each one's unit.</summary>
public sealed record StreamList(IReadOnlyList<StreamInfo> Items);
