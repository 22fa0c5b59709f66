namespace GridMeter.Server.Hierarchy;

/// <summary>A place in the network: area → feeder/transformer → building (with its main meter) → premises.</summary>
public sealed record GridNode(string Id, string Kind, string? ParentId, string? Name, long? MainMeterKey, long CreatedAt)
{
    public const string Area = "area";
    public const string Feeder = "feeder";
    public const string Building = "building";
    public const string Premises = "premises";

    public static readonly string[] Kinds = [Area, Feeder, Building, Premises];

    /// <summary>What may hang under what: a premises in a building, a building on a feeder, a feeder in an area.</summary>
    public static string? ParentKindOf(string kind) => kind switch
    {
        Premises => Building,
        Building => Feeder,
        Feeder => Area,
        _ => null,
    };
}
