namespace GridMeter.Domain.Streams;

/// <summary>One level of a stream path: a hierarchy kind and an id, "*", or a prefix ending in "*".</summary>
public sealed record StreamLevel(string Kind, string Pattern)
{
    public bool Matches(string id) => Pattern.EndsWith('*')
        ? id.StartsWith(Pattern[..^1], StringComparison.Ordinal)
        : id == Pattern;
}
