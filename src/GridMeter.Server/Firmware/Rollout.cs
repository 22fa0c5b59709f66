using GridMeter.Domain.Firmware;

namespace GridMeter.Server.Firmware;

/// <summary>A row of the rollouts table with its image's id, model and version.</summary>
public sealed record Rollout(long Key, string Id, string? Name, long ImageKey, string ImageId, string Model, string Version, string? SupplierId,
    string Status, string Waves, long CurrentWave, long SuccessThreshold, long ErrorThreshold, string MaintenanceWindow, long Forced,
    string DownloadBase, string? PauseReason, string CreatedBy, long CreatedAt, long UpdatedAt)
{
    public const string Columns =
        "r.key, r.id, r.name, r.image_key, i.id AS image_id, i.model, i.version, r.supplier_id, r.status, r.waves, r.current_wave, " +
        "r.success_threshold, r.error_threshold, r.maintenance_window, r.forced, r.download_base, r.pause_reason, r.created_by, r.created_at, r.updated_at";

    public const string From = "rollouts r JOIN firmware_images i ON i.key = r.image_key";

    public int[] WavePercents => [.. Waves.Split(',').Select(int.Parse)];

    public MaintenanceWindow Window => Domain.Firmware.MaintenanceWindow.Parse(MaintenanceWindow) ?? Domain.Firmware.MaintenanceWindow.Always;

    /// <summary>Paused by a threshold rather than by a person: resuming accepts the wave as it is and opens the next.</summary>
    public bool PausedByThreshold => Status == RolloutStatus.Paused && PauseReason?.StartsWith("wave ", StringComparison.Ordinal) == true;

    public static bool IsId(string? id) => id is { Length: 19 } && id.StartsWith("ro-", StringComparison.Ordinal) && id[3..].All(c => char.IsAsciiDigit(c) || char.IsAsciiHexDigitLower(c));
}
