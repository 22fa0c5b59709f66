namespace GridMeter.Domain.Tariffs;

/// <summary>Billed after use (credit) or paid for in advance from a balance (prepaid).</summary>
public enum PaymentMode
{
    Credit,
    Prepaid,
}
