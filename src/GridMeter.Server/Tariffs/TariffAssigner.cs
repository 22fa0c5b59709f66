using GridMeter.Domain.Tariffs;
using GridMeter.Server.Audit;
using GridMeter.Server.Billing;
using GridMeter.Server.Meters;
using GridMeter.Server.Prepayment;
using NodaTime;

namespace GridMeter.Server.Tariffs;

/// <summary>
/// Puts a meter on a tariff from a local date. A change takes effect from its date and never
/// reaches into a period already billed (or, for prepaid meters, already debited): such a date is
/// refused. Assigning a prepaid tariff opens the meter's prepaid account.
/// </summary>
public sealed class TariffAssigner(TariffStore tariffs, BillStore bills, PrepaidStore prepaid, AuditLog audit, TimeProvider clock)
{
    /// <summary>Null when assigned; otherwise why not.</summary>
    public async Task<string?> AssignAsync(Meter meter, Tariff tariff, string document, string? tariffId, AuditEntry entry, CancellationToken cancellationToken)
    {
        var start = meter.TimeZone.AtStartOfDay(tariff.ValidFrom).ToInstant();
        if (await bills.BilledToAsync(meter.Key, cancellationToken) is { } billedTo && start.ToUnixTimeSeconds() < billedTo)
        {
            return $"meter '{meter.Id}' is billed up to {Instant.FromUnixTimeSeconds(billedTo)}: a tariff change may start then at the earliest";
        }
        if (await prepaid.FindAsync(meter.Key, cancellationToken) is { } account && start.ToUnixTimeSeconds() < account.DebitedTo)
        {
            return $"meter '{meter.Id}' is debited up to {Instant.FromUnixTimeSeconds(account.DebitedTo)}: a tariff change may start then at the earliest";
        }
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var mode = tariff.PaymentMode == PaymentMode.Prepaid ? "prepaid" : "credit";
        await tariffs.AssignAsync(meter.Key, tariff.ValidFrom, tariffId, document, mode, entry.Actor, now, cancellationToken);
        if (tariff.PaymentMode == PaymentMode.Prepaid)
        {
            await prepaid.OpenAsync(meter.Key, tariff.Currency.Code, start.ToUnixTimeSeconds(), now, cancellationToken);
        }
        await audit.RecordAsync(entry, cancellationToken);
        return null;
    }
}
