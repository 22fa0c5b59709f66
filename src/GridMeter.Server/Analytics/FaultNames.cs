using GridMeter.Server.Appliances;

namespace GridMeter.Server.Analytics;

/// <summary>Turns stored faults into answers, naming the appliance of each appliance fault.</summary>
public sealed class FaultNames(ApplianceRegistry appliances)
{
    public async Task<IReadOnlyList<FaultResponse>> DescribeAsync(IReadOnlyList<(StoredFault Fault, string MeterId)> faults, CancellationToken cancellationToken)
    {
        var names = new Dictionary<long, string?>();
        var list = new List<FaultResponse>(faults.Count);
        foreach (var (fault, meterId) in faults)
        {
            string? applianceId = null;
            if (fault.Series < 0)
            {
                if (!names.TryGetValue(fault.Series, out applianceId))
                {
                    applianceId = names[fault.Series] = (await appliances.FindByKeyAsync(-fault.Series, cancellationToken))?.Id;
                }
            }
            list.Add(new FaultResponse(meterId, applianceId, fault.Rule, DateTimeOffset.FromUnixTimeSeconds(fault.StartTs), DateTimeOffset.FromUnixTimeSeconds(fault.EndTs),
                fault.ObservedWh, fault.ExpectedWh, fault.Detail, DateTimeOffset.FromUnixTimeMilliseconds(fault.DetectedAt)));
        }
        return list;
    }
}
