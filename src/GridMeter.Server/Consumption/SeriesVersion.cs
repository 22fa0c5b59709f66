namespace GridMeter.Server.Consumption;

/// <summary>
/// Which version of a register's consumption to read: as read (the raw readings, gaps interpolated),
/// as validated (events, estimates and suspect flags applied), or as edited up to an edit version
/// (null: every edit, the default).
/// </summary>
public readonly record struct SeriesVersion(bool Validated, bool Edited, int? UpToEdit)
{
    public static SeriesVersion AsRead { get; } = new(false, false, null);

    public static SeriesVersion AsValidated { get; } = new(true, false, null);

    public static SeriesVersion Latest { get; } = new(true, true, null);

    public bool IsLatest => this == Latest;

    /// <summary>read, validated, edited (or absent) or an edit version number ≥ 1.</summary>
    public static bool TryParse(string? text, out SeriesVersion version)
    {
        version = Latest;
        switch (text)
        {
            case null or "" or "edited":
                return true;
            case "read":
                version = AsRead;
                return true;
            case "validated":
                version = AsValidated;
                return true;
        }
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1)
        {
            version = new SeriesVersion(true, true, n);
            return true;
        }
        return false;
    }

    public override string ToString() => !Validated ? "read" : !Edited ? "validated" : UpToEdit is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "edited";
}
