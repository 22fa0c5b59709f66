using System.ComponentModel.DataAnnotations;

namespace GridMeter.Server.Prepayment;

/// <summary>GridMeter:Prepayment — balances, friendly hours and the payment provider's callback.</summary>
public sealed class PrepaymentOptions : IValidatableObject
{
    public const string Section = "GridMeter:Prepayment";

    /// <summary>How often balances are debited from validated consumption.</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 60;

    /// <summary>Emergency credit of a new prepaid account, in the currency.</summary>
    [Range(0, 10_000)]
    public decimal EmergencyCredit { get; set; } = 5m;

    /// <summary>Balance under which the consumer is warned (new accounts).</summary>
    [Range(0, 10_000)]
    public decimal LowBalanceThreshold { get; set; } = 5m;

    /// <summary>Percentage of each top-up that goes towards old debt.</summary>
    [Range(0, 100)]
    public decimal DebtRecoveryPercent { get; set; } = 25m;

    /// <summary>Friendly hours, local time: no disconnection from FriendlyFrom until FriendlyUntil next morning.</summary>
    [RegularExpression("^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    public string FriendlyFrom { get; set; } = "18:00";

    [RegularExpression("^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    public string FriendlyUntil { get; set; } = "08:00";

    public bool FriendlyWeekends { get; set; } = true;

    public bool FriendlyHolidays { get; set; } = true;

    /// <summary>Public holidays (yyyy-MM-dd) when nobody is disconnected, besides those in a meter's tariff.</summary>
    public List<string> PublicHolidays { get; set; } = [];

    /// <summary>Shared secret of the payment provider's HMAC-SHA256 callback signature; callbacks are refused while empty.</summary>
    public string CallbackSecret { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var day in PublicHolidays)
        {
            if (!Tariffs.TariffDocuments.TryDate(day, out _))
            {
                yield return new ValidationResult($"PublicHolidays: '{day}' is not a date yyyy-MM-dd", [nameof(PublicHolidays)]);
            }
        }
        if (CallbackSecret.Length is > 0 and < 16)
        {
            yield return new ValidationResult("CallbackSecret: at least 16 characters when set", [nameof(CallbackSecret)]);
        }
    }
}
