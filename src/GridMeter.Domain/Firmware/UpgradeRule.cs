namespace GridMeter.Domain.Firmware;

/// <summary>
/// Whether a meter on <c>current</c> may be moved to <c>target</c>: upgrades yes; the same version
/// is nothing to do; a downgrade only when an admin forces it (an old image may carry a fixed hole).
/// </summary>
public static class UpgradeRule
{
    /// <summary>Null when the update may go ahead; otherwise why not.</summary>
    public static string? Refusal(string? current, string target, bool forced)
    {
        if (!FirmwareVersion.TryParse(target, out var to))
        {
            return $"'{target}' is not a firmware version";
        }
        if (!FirmwareVersion.TryParse(current, out var from))
        {
            // A meter that never reported a version is updated: the image's signature is what protects it.
            return null;
        }
        var c = to.CompareTo(from);
        if (c == 0)
        {
            return $"already on {from}";
        }
        return c < 0 && !forced ? $"downgrade from {from} to {to} refused; only an admin may force one" : null;
    }
}
