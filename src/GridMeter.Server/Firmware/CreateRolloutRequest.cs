namespace GridMeter.Server.Firmware;

/// <summary>
/// POST /api/v1/rollouts: an image, a target group (meters of a model, of a network operator, or
/// listed), waves as cumulative percentages, thresholds in percent, a local maintenance window
/// "HH:mm-HH:mm", force (admins only: allows a downgrade) and, for an admin, the supplier it is for.
/// </summary>
public sealed record CreateRolloutRequest(string? ImageId, string? Name, RolloutTarget? Target, int[]? Waves, int? SuccessThreshold, int? ErrorThreshold,
    string? Window, bool? Force, string? SupplierId);
