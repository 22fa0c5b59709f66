using Dapper;

namespace GridMeter.Server.Storage;

public static class DynamicParametersExtensions
{
    /// <summary>Adds a parameter and returns the bag, so scope parameters and query parameters combine in one expression.</summary>
    public static DynamicParameters With(this DynamicParameters parameters, string name, object? value)
    {
        parameters.Add(name, value);
        return parameters;
    }
}
