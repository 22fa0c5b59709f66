namespace GridMeter.Domain.Tariffs;

/// <summary>What makes a tariff billable: every quarter-hour priced exactly once, no negative charges.</summary>
public static class TariffRules
{
    public const decimal MaxPrice = 1_000_000m;

    /// <summary>The problems with <paramref name="tariff"/>, by field; empty when it can bill.</summary>
    public static Dictionary<string, string[]> Validate(Tariff tariff)
    {
        var errors = new Dictionary<string, string[]>();
        var pricings = (tariff.Energy.Count > 0 ? 1 : 0) + (tariff.Tiers.Count > 0 ? 1 : 0) + (tariff.DynamicPrices.Count > 0 ? 1 : 0);
        if (pricings != 1)
        {
            errors["energy"] = ["exactly one of energy, tiers and dynamicPrices"];
        }
        if (tariff.Energy.Count > 0 && !tariff.Energy.Any(p => p.Days == TariffDays.All && p.From is null))
        {
            errors["energy"] = ["a period without days and hours is needed for the rest of the time"];
        }
        if (tariff.Energy.Any(p => Bad(p.Price) || (p.From is null) != (p.To is null) || p.Days == TariffDays.None))
        {
            errors["energy"] = ["each period: a price from 0 to 1000000, both from and to or neither, known days"];
        }
        if (tariff.Tiers.Count > 0 && !TiersAscend(tariff.Tiers))
        {
            errors["tiers"] = ["ascending upToKwh, the last one without upToKwh, prices from 0 to 1000000"];
        }
        for (var i = 1; i < tariff.DynamicPrices.Count; i++)
        {
            if (tariff.DynamicPrices[i].From <= tariff.DynamicPrices[i - 1].From)
            {
                errors["dynamicPrices"] = ["steps in strictly ascending time order"];
                break;
            }
        }
        if (tariff.DynamicPrices.Any(s => Math.Abs(s.Price) > MaxPrice))
        {
            errors["dynamicPrices"] = ["prices from -1000000 to 1000000 (negative prices happen on spot markets)"];
        }
        if (Bad(tariff.StandingChargePerDay))
        {
            errors["standingChargePerDay"] = ["from 0 to 1000000"];
        }
        if (tariff.VatPercent is < 0 or > 100)
        {
            errors["vatPercent"] = ["from 0 to 100"];
        }
        if (tariff.ExportPrice is { } export && Bad(export))
        {
            errors["exportPrice"] = ["from 0 to 1000000"];
        }
        if (tariff.DemandChargePerKw is { } demand && Bad(demand))
        {
            errors["demandChargePerKw"] = ["from 0 to 1000000"];
        }
        return errors;
    }

    private static bool Bad(decimal price) => price is < 0 or > MaxPrice;

    private static bool TiersAscend(IReadOnlyList<Tier> tiers)
    {
        for (var i = 0; i < tiers.Count; i++)
        {
            var last = i == tiers.Count - 1;
            if (Bad(tiers[i].Price) || (tiers[i].UpToKwh is null) != last || tiers[i].UpToKwh is <= 0
                || (i > 0 && !last && tiers[i].UpToKwh <= tiers[i - 1].UpToKwh))
            {
                return false;
            }
        }
        return true;
    }
}
