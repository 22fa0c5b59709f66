using GridMeter.Server.Auth;

namespace GridMeter.Server.WebPortal;

/// <summary>The links each role sees in the portal's main navigation.</summary>
public static class PortalNavigation
{
    public static IReadOnlyList<(string Href, string Label)> For(string role) => role switch
    {
        Roles.Consumer =>
        [
            ("/portal/meters", "My meters"), ("/portal/alerts", "Alerts"), ("/portal/notifications", "Notifications and reports"),
            ("/portal/profile", "Profile"),
        ],
        Roles.Supplier =>
        [
            ("/portal/meters", "Meters"), ("/portal/requests", "Tariff requests"), ("/portal/bills", "Bills"), ("/portal/prepaid", "Prepaid"),
            ("/portal/firmware", "Firmware"), ("/portal/profile", "Profile"),
        ],
        Roles.Operator => [("/portal/network", "Network"), ("/portal/outages", "Outages"), ("/portal/meters", "Meters"), ("/portal/profile", "Profile")],
        Roles.Admin =>
        [
            ("/portal/meters", "Meters"), ("/portal/network", "Network"), ("/portal/outages", "Outages"), ("/portal/requests", "Tariff requests"),
            ("/portal/admin/organisations", "Organisations"),
            ("/portal/admin/users", "Users"), ("/portal/admin/quarantine", "Quarantine"), ("/portal/admin/audit", "Audit log"),
            ("/portal/profile", "Profile"),
        ],
        _ => [],
    };
}
