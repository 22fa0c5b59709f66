namespace GridMeter.Server.Soap;

/// <summary>The five services of /soap/, by name.</summary>
public sealed class SoapServices
{
    private readonly Dictionary<string, SoapService> _byName;

    public SoapServices(IEnumerable<SoapService> services) => _byName = services.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public SoapService? Find(string name) => _byName.GetValueOrDefault(name);
}
