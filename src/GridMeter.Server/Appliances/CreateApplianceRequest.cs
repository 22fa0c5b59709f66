namespace GridMeter.Server.Appliances;

/// <summary>POST /api/v1/meters/{id}/appliances: the appliance id its device uses, a name, a type (heat-pump, ev-charger, plug…) and its rated power.</summary>
public sealed record CreateApplianceRequest(string? Id, string? Name, string? Type, long? RatedPowerW);
