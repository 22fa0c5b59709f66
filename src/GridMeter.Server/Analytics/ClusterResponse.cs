namespace GridMeter.Server.Analytics;

/// <summary>One cluster: its centre as the 96 quarter-hour shares of a day (negative where its members export) and its members' meter ids.</summary>
public sealed record ClusterResponse(int Cluster, int Members, double[] Centre, IReadOnlyList<string> MeterIds);
