namespace GridMeter.Server.Prepayment;

/// <summary>POST /api/v1/meters/{id}/topups (CONTRACT): a payment id, credited once, and the amount.</summary>
public sealed record TopUpRequest(string? PaymentId, decimal? Amount);

/// <summary>The payment provider's signed callback: which meter, which payment, how much (currency optional, must match).</summary>
public sealed record PaymentCallback(string? PaymentId, string? MeterId, decimal? Amount, string? Currency);

/// <summary>PUT /api/v1/meters/{id}/prepayment: the account's terms; absent fields stay.</summary>
public sealed record PrepaymentTerms(decimal? EmergencyCredit, decimal? LowBalanceThreshold, decimal? Debt);

/// <summary>
/// GET /api/v1/meters/{id}/balance (CONTRACT: currency, balance, emergencyCredit — what is left of it),
/// plus debt, the warning threshold, the low/exhausted flags and the supply as last asked for.
/// </summary>
public sealed record BalanceResponse(
    string Currency, decimal Balance, decimal EmergencyCredit, decimal EmergencyCreditLimit, decimal LowBalanceThreshold, decimal Debt,
    bool LowBalance, bool Exhausted, string Supply, string DebitedTo);

/// <summary>A top-up's answer: whether this call credited it (false for a repeat) and the balance after.</summary>
public sealed record TopUpResponse(string PaymentId, decimal Amount, bool Credited, BalanceResponse Balance);
