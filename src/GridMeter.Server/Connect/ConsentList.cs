namespace GridMeter.Server.Connect;

public sealed record ConsentList(IReadOnlyList<ConsentResponse> Items);
