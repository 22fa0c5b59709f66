using System.Globalization;
using System.Text.Json;
using GridMeter.Domain.Tariffs;
using GridMeter.Domain.Text;
using NodaTime;
using NodaTime.Text;

namespace GridMeter.Server.Tariffs;

/// <summary>Turns a tariff document into a <see cref="Tariff"/>, naming every field that is wrong.</summary>
public static class TariffDocuments
{
    private const int MaxPeriods = 50;
    private const int MaxHolidays = 400;

    public static Tariff? Parse(TariffDocument? document, Dictionary<string, string[]> errors)
    {
        if (document is null)
        {
            errors["tariff"] = ["a tariff document (CONTRACT section 4)"];
            return null;
        }
        var currency = Domain.Tariffs.Currency.IsValid(document.Currency) ? new Currency(document.Currency!) : null;
        if (currency is null)
        {
            errors["currency"] = ["an ISO 4217 code such as EUR"];
        }
        if (!TryDate(document.ValidFrom, out var validFrom))
        {
            errors["validFrom"] = ["a local date yyyy-MM-dd"];
        }
        var mode = document.PaymentMode switch
        {
            null or "credit" => (PaymentMode?)PaymentMode.Credit,
            "prepaid" => PaymentMode.Prepaid,
            _ => null,
        };
        if (mode is null)
        {
            errors["paymentMode"] = ["credit or prepaid"];
        }
        var energy = Periods(document.Energy, errors);
        var tiers = (document.Tiers ?? []).Take(MaxPeriods + 1).Select(t => new Tier(t?.UpToKwh, t?.Price ?? -1)).ToList();
        if (tiers.Count > MaxPeriods)
        {
            errors["tiers"] = [$"at most {MaxPeriods}"];
        }
        var steps = new List<PriceStep>();
        foreach (var step in document.DynamicPrices ?? [])
        {
            if (step?.From is null || step.Price is null || !TryInstant(step.From, out var from) || steps.Count >= DynamicPriceImport.MaxSteps)
            {
                errors["dynamicPrices"] = [$"up to {DynamicPriceImport.MaxSteps} steps {{\"from\":\"RFC 3339 instant\",\"price\":number}}"];
                break;
            }
            steps.Add(new PriceStep(from, step.Price.Value));
        }
        var holidays = new HashSet<LocalDate>();
        foreach (var text in document.Holidays ?? [])
        {
            if (!TryDate(text, out var day) || holidays.Count >= MaxHolidays)
            {
                errors["holidays"] = [$"up to {MaxHolidays} local dates yyyy-MM-dd"];
                break;
            }
            holidays.Add(day);
        }
        if (errors.Count > 0)
        {
            return null;
        }
        var tariff = new Tariff(currency!, validFrom, document.StandingChargePerDay ?? 0, document.VatPercent ?? 0, energy!, tiers, steps,
            document.ExportPrice, document.DemandChargePerKw, mode!.Value, holidays);
        foreach (var (field, problems) in TariffRules.Validate(tariff))
        {
            errors[field] = problems;
        }
        return errors.Count > 0 ? null : tariff;
    }

    public static Tariff Read(string json) =>
        Parse(JsonSerializer.Deserialize(json, TariffsJson.Default.TariffDocument), []) ?? throw new InvalidDataException("a stored tariff no longer parses");

    public static string Write(TariffDocument document) => JsonSerializer.Serialize(document, TariffsJson.Default.TariffDocument);

    public static bool TryDate(string? text, out LocalDate date)
    {
        var result = text is null ? null : LocalDatePattern.Iso.Parse(text);
        date = result is { Success: true } ? result.Value : default;
        return result is { Success: true };
    }

    public static bool TryInstant(string text, out Instant instant)
    {
        var result = OffsetDateTimePattern.ExtendedIso.Parse(text);
        instant = result.Success ? result.Value.ToInstant() : default;
        return result.Success;
    }

    private static List<EnergyPeriod>? Periods(List<EnergyPeriodDocument>? documents, Dictionary<string, string[]> errors)
    {
        var periods = new List<EnergyPeriod>();
        foreach (var period in documents ?? [])
        {
            var days = TariffDays.None;
            var daysOk = true;
            foreach (var name in period?.Days ?? [])
            {
                daysOk &= TariffDayNames.TryParse(name, out var day);
                days |= day;
            }
            LocalTime? from = null, to = null;
            var timesOk = (period?.From is null || TryTime(period.From, out from)) && (period?.To is null || TryTime(period.To, out to));
            if (period?.Name is null || !PlainText.IsValid(period.Name, 50) || period.Price is null || !daysOk || !timesOk || periods.Count >= MaxPeriods)
            {
                errors["energy"] = [$"up to {MaxPeriods} periods {{\"name\" (1 to 50 characters), \"price\", optional \"days\" (Mon … Sun, Hol), \"from\" and \"to\" (HH:mm, 24:00 allowed)}}"];
                return null;
            }
            periods.Add(new EnergyPeriod(period.Name, period.Price.Value, period.Days is null or [] ? TariffDays.All : days, from, to));
        }
        return periods;
    }

    private static bool TryTime(string text, out LocalTime? time)
    {
        time = null;
        if (text == "24:00")
        {
            time = LocalTime.Midnight;
            return true;
        }
        var result = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text);
        if (result.Success)
        {
            time = result.Value;
        }
        return result.Success;
    }

    public static string Format(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
