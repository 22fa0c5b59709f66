using GridMeter.Server.Auth;
using GridMeter.Server.Meters;

namespace GridMeter.Server.Vee;

/// <summary>Who may correct a meter's data: the staff of its supplier, and admins. Operators and consumers only read.</summary>
public static class VeeAccess
{
    public static bool CanEdit(Caller caller, Meter meter) =>
        caller.IsAdmin || (caller.Role == Roles.Supplier && caller.OrganisationId is not null && caller.OrganisationId == meter.SupplierId);

    public static bool CanConfigure(Caller caller, string supplierId) =>
        caller.IsAdmin || (caller.Role == Roles.Supplier && caller.OrganisationId == supplierId);
}
