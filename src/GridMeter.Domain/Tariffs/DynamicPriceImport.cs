using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace GridMeter.Domain.Tariffs;

/// <summary>
/// Reads dynamic prices as published by exchanges and aggregators: CSV lines "from,price" (an
/// optional header line, RFC 3339 instants, '.' decimals) or a JSON array of {"from","price"}.
/// Hourly and quarter-hourly steps alike; the steps come back sorted.
/// </summary>
public static class DynamicPriceImport
{
    public const int MaxSteps = 100_000;

    public static bool TryParse(string text, out List<PriceStep> steps, out string error)
    {
        steps = [];
        var trimmed = text.TrimStart();
        var ok = trimmed.StartsWith('[') ? TryJson(trimmed, steps, out error) : TryCsv(text, steps, out error);
        if (!ok)
        {
            return false;
        }
        if (steps.Count is 0 or > MaxSteps)
        {
            error = $"1 to {MaxSteps} price steps";
            return false;
        }
        steps.Sort((a, b) => a.From.CompareTo(b.From));
        for (var i = 1; i < steps.Count; i++)
        {
            if (steps[i].From == steps[i - 1].From)
            {
                error = $"two prices from {steps[i].From}";
                return false;
            }
        }
        return true;
    }

    private static bool TryCsv(string text, List<PriceStep> steps, out string error)
    {
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || (lineNumber == 1 && line.StartsWith("from", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            var parts = line.Split(',', ';');
            if (parts.Length != 2 || !TryInstant(parts[0].Trim(), out var from) || !TryPrice(parts[1].Trim(), out var price))
            {
                error = $"line {lineNumber}: expected \"from,price\" with an RFC 3339 instant and a decimal price";
                return false;
            }
            steps.Add(new PriceStep(from, price));
            if (steps.Count > MaxSteps)
            {
                break;
            }
        }
        error = "";
        return true;
    }

    private static bool TryJson(string text, List<PriceStep> steps, out string error)
    {
        error = "a JSON array of {\"from\":\"RFC 3339 instant\",\"price\":number}";
        try
        {
            using var document = JsonDocument.Parse(text);
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("from", out var from) || from.ValueKind != JsonValueKind.String || !TryInstant(from.GetString()!, out var at)
                    || !item.TryGetProperty("price", out var price) || price.ValueKind != JsonValueKind.Number || !price.TryGetDecimal(out var value))
                {
                    return false;
                }
                steps.Add(new PriceStep(at, value));
                if (steps.Count > MaxSteps)
                {
                    break;
                }
            }
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryInstant(string text, out Instant instant)
    {
        var result = OffsetDateTimePattern.ExtendedIso.Parse(text);
        instant = result.Success ? result.Value.ToInstant() : default;
        return result.Success;
    }

    private static bool TryPrice(string text, out decimal price) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out price)
        && Math.Abs(price) <= TariffRules.MaxPrice;
}
