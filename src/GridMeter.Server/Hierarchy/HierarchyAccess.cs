using GridMeter.Server.Auth;

namespace GridMeter.Server.Hierarchy;

/// <summary>Who shapes the tree: admins everything, suppliers their buildings and premises; network operators only read.</summary>
public static class HierarchyAccess
{
    public static bool CanCreate(Caller caller, string kind) =>
        caller.IsAdmin || (caller.Role == Roles.Supplier && kind is GridNode.Building or GridNode.Premises);
}
