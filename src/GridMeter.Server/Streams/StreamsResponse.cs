namespace GridMeter.Server.Streams;

/// <summary>
/// The answer to a stream query: each matched stream's values and, for additive methods (sum of
/// energy, average of power), their total per bucket.
/// </summary>
public sealed record StreamsResponse(
    string Path, string Rollup, string Method, string TimeZone, IReadOnlyList<StreamValues> Streams, IReadOnlyList<StreamPoint>? Total);
