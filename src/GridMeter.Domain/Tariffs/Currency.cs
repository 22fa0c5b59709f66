namespace GridMeter.Domain.Tariffs;

/// <summary>
/// An ISO 4217 currency and its minor-unit decimals. Amounts are rounded to those decimals half
/// away from zero (CONTRACT section 4), never with banker's rounding.
/// </summary>
public sealed record Currency(string Code)
{
    // ISO 4217 exceptions to two decimals among the currencies a European supplier meets.
    private static readonly Dictionary<string, int> NotTwo = new(StringComparer.Ordinal)
    {
        ["JPY"] = 0, ["KRW"] = 0, ["ISK"] = 0, ["CLP"] = 0, ["HUF"] = 2,
        ["BHD"] = 3, ["KWD"] = 3, ["OMR"] = 3, ["JOD"] = 3, ["TND"] = 3,
    };

    public int Decimals => NotTwo.TryGetValue(Code, out var d) ? d : 2;

    /// <summary>Three upper-case letters.</summary>
    public static bool IsValid(string? code) => code is { Length: 3 } && code.All(c => c is >= 'A' and <= 'Z');

    public decimal Round(decimal amount) => Math.Round(amount, Decimals, MidpointRounding.AwayFromZero);

    public override string ToString() => Code;
}
