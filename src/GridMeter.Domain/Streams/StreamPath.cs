namespace GridMeter.Domain.Streams;

/// <summary>
/// A data-stream path derived from the network hierarchy, such as
/// <c>networks/north/buildings/B-1/meters/MTR-1/1-0:1.8.0</c> or <c>buildings/*/meters/*/appliances/heat-pump/power</c>.
/// Levels come in hierarchy order (networks, feeders, buildings, premises, then meters and
/// appliances); a level left out is not constrained. An id may be <c>*</c> or end in <c>*</c>
/// (a prefix). The last segment is the channel: a register OBIS code, <c>energy</c> or <c>power</c>.
/// </summary>
public sealed record StreamPath(IReadOnlyList<StreamLevel> Levels, string Channel)
{
    /// <summary>Path segment → hierarchy kind, in the order a path must follow.</summary>
    public static readonly IReadOnlyList<(string Segment, string Kind)> Hierarchy =
    [
        ("networks", "area"), ("feeders", "feeder"), ("buildings", "building"), ("premises", "premises"), ("meters", "meter"), ("appliances", "appliance"),
    ];

    public const int MaxLength = 500;

    public bool HasAppliance => Levels.Any(l => l.Kind == "appliance");

    public static StreamPath? TryParse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            error = $"a path of 1 to {MaxLength} characters, such as networks/north/buildings/B-1/meters/*/1-0:1.8.0";
            return null;
        }
        var segments = text.Trim('/').Split('/');
        if (segments.Length % 2 == 0)
        {
            error = "levels come in pairs (buildings/B-1) and the path ends with a channel (1-0:1.8.0, energy or power)";
            return null;
        }
        var levels = new List<StreamLevel>();
        var position = -1;
        for (var i = 0; i < segments.Length - 1; i += 2)
        {
            var index = IndexOf(segments[i]);
            if (index <= position)
            {
                error = index < 0
                    ? $"'{Shorten(segments[i])}' is not a level: networks, feeders, buildings, premises, meters, appliances"
                    : $"'{segments[i]}' is out of order: networks, feeders, buildings, premises, meters, appliances";
                return null;
            }
            if (!IsPattern(segments[i + 1]))
            {
                error = $"'{Shorten(segments[i + 1])}' is not an id (A-Z a-z 0-9 . _ -, up to 64) or a pattern ending in *";
                return null;
            }
            position = index;
            levels.Add(new StreamLevel(Hierarchy[index].Kind, segments[i + 1]));
        }
        if (levels.Count == 0 || levels[^1].Kind is not ("meter" or "appliance"))
        {
            error = "a stream belongs to a meter or an appliance: the path names meters/… (and appliances/…) last";
            return null;
        }
        var channel = segments[^1];
        if (channel is not ("energy" or "power") && (levels[^1].Kind == "appliance" || !Readings.ObisCode.TryParse(channel, out var code) || !code.IsRegister))
        {
            error = "the channel is energy, power or (for a meter) a register OBIS code such as 1-0:1.8.0";
            return null;
        }
        return new StreamPath(levels, channel);
    }

    /// <summary>True when a meter (or appliance) with these ancestors (kind → id) is on this path.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> ancestors) =>
        Levels.All(l => ancestors.TryGetValue(l.Kind, out var id) && l.Matches(id));

    /// <summary>The full path of one stream: every level it actually has, then the channel.</summary>
    public static string Of(IReadOnlyDictionary<string, string> ancestors, string channel) =>
        string.Join('/', Hierarchy.Where(h => ancestors.ContainsKey(h.Kind)).Select(h => $"{h.Segment}/{ancestors[h.Kind]}").Append(channel));

    private static int IndexOf(string segment)
    {
        for (var i = 0; i < Hierarchy.Count; i++)
        {
            if (Hierarchy[i].Segment == segment)
            {
                return i;
            }
        }
        return -1;
    }

    private static bool IsPattern(string id)
    {
        var fixedPart = id.EndsWith('*') ? id[..^1] : id;
        return fixedPart.Length <= 64 && (fixedPart.Length > 0 || id == "*")
            && fixedPart.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
