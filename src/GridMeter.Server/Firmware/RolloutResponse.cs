namespace GridMeter.Server.Firmware;

/// <summary>A rollout and how far it got; <c>skipped</c> only in the answer to its creation.</summary>
public sealed record RolloutResponse(string Id, string? Name, string ImageId, string Model, string Version, string? SupplierId, string Status,
    int[] Waves, int CurrentWave, int SuccessThreshold, int ErrorThreshold, string Window, bool Force, string? PauseReason,
    RolloutProgress Progress, IReadOnlyList<RolloutProgress> WaveProgress, string CreatedBy, DateTimeOffset CreatedAt,
    IReadOnlyList<SkippedMeter>? Skipped);
