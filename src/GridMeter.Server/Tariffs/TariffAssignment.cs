using GridMeter.Domain.Tariffs;
using NodaTime;

namespace GridMeter.Server.Tariffs;

/// <summary>The tariff a meter is on from <see cref="ValidFrom"/> (local date) until the next assignment.</summary>
public sealed record TariffAssignment(LocalDate ValidFrom, string? TariffId, Tariff Tariff, string Document, string AssignedBy, long AssignedAt);
