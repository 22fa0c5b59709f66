namespace GridMeter.Simulator.Households.Appliances;

/// <summary>
/// The minutes of one day that an appliance adds its watts to. Runs that start the day before or
/// go on past midnight are clipped to the day, so every model can plan in its own day's indices.
/// </summary>
internal readonly ref struct MinuteCanvas
{
    private readonly Span<int> _watts;
    private readonly int _offset;

    public MinuteCanvas(Span<int> watts, int offset = 0)
    {
        _watts = watts;
        _offset = offset;
    }

    /// <summary>The same day seen from a day <paramref name="minutes"/> earlier or later.</summary>
    public MinuteCanvas Shifted(int minutes) => new(_watts, _offset + minutes);

    /// <summary>Adds <paramref name="watts"/> to each minute of [from, from + length).</summary>
    public void Add(int from, int length, int watts)
    {
        var start = Math.Max(from + _offset, 0);
        var end = Math.Min(from + _offset + length, _watts.Length);
        for (var i = start; i < end; i++)
        {
            _watts[i] += watts;
        }
    }

    public void Add(int minute, int watts) => Add(minute, 1, watts);
}
