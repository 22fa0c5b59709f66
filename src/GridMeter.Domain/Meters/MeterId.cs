using System.Buffers;

namespace GridMeter.Domain.Meters;

/// <summary>Meter, gateway and appliance identifiers: [A-Za-z0-9._-]{1,64} (CONTRACT section 2).</summary>
public static class MeterId
{
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    /// <summary>True for a well-formed id; "." and ".." are refused so an id can never walk a path.</summary>
    public static bool IsValid(ReadOnlySpan<char> id) =>
        id.Length is > 0 and <= MaxLength && !id.ContainsAnyExcept(Allowed) && id is not "." and not "..";
}
