using GridMeter.Server.Appliances;
using GridMeter.Server.Meters;

namespace GridMeter.Server.Streams;

/// <summary>One stream a path matched: a meter's or an appliance's channel, with its full path.</summary>
public sealed record StreamTarget(Meter Meter, Appliance? Appliance, string Path);
