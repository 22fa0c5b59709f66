using NodaTime;

namespace GridMeter.Domain.Vee;

/// <summary>A span [Start, End] of a register that failed <paramref name="Rule"/>; its intervals are suspect.</summary>
public sealed record VeeFlag(Instant Start, Instant End, VeeRule Rule, string Detail);
