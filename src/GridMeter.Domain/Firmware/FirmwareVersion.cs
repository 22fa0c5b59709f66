using System.Globalization;

namespace GridMeter.Domain.Firmware;

/// <summary>
/// A firmware version as meters report it: one to four dot-separated numbers ("1.4.2"),
/// compared number by number, a missing part counting as zero ("1.4" equals "1.4.0").
/// </summary>
public sealed class FirmwareVersion : IComparable<FirmwareVersion>, IEquatable<FirmwareVersion>
{
    private readonly int[] _parts;

    private FirmwareVersion(int[] parts, string text) => (_parts, Text) = (parts, text);

    public string Text { get; }

    public static bool TryParse(string? text, out FirmwareVersion version)
    {
        version = null!;
        if (string.IsNullOrEmpty(text) || text.Length > 32)
        {
            return false;
        }
        var pieces = text.Split('.');
        if (pieces.Length > 4)
        {
            return false;
        }
        var parts = new int[pieces.Length];
        for (var i = 0; i < pieces.Length; i++)
        {
            if (pieces[i].Length is 0 or > 6 || !pieces[i].All(char.IsAsciiDigit)
                || !int.TryParse(pieces[i], NumberStyles.None, CultureInfo.InvariantCulture, out parts[i]))
            {
                return false;
            }
        }
        version = new FirmwareVersion(parts, text);
        return true;
    }

    public int CompareTo(FirmwareVersion? other)
    {
        if (other is null)
        {
            return 1;
        }
        for (var i = 0; i < Math.Max(_parts.Length, other._parts.Length); i++)
        {
            var c = Part(i).CompareTo(other.Part(i));
            if (c != 0)
            {
                return c;
            }
        }
        return 0;
    }

    public bool Equals(FirmwareVersion? other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is FirmwareVersion other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Part(0), Part(1), Part(2), Part(3));

    public override string ToString() => Text;

    private int Part(int i) => i < _parts.Length ? _parts[i] : 0;
}
