using System.Data;
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

    /// <summary>
    /// Adds a text parameter that may be null. PostgreSQL needs the type of a null it is given
    /// ("@x IS NULL OR …"), and a bare null carries none.
    /// </summary>
    public static DynamicParameters WithText(this DynamicParameters parameters, string name, string? value)
    {
        parameters.Add(name, value, DbType.String);
        return parameters;
    }
}
