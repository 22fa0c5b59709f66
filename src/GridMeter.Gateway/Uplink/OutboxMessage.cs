namespace GridMeter.Gateway.Uplink;

/// <summary>A message waiting for the head-end's acknowledgement; <see cref="Sequence"/> orders and identifies it.</summary>
public sealed record OutboxMessage(long Sequence, string Topic, byte[] Payload);
