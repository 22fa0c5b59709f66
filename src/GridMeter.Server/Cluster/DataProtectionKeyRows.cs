using System.Xml.Linq;
using Dapper;
using GridMeter.Server.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace GridMeter.Server.Cluster;

/// <summary>
/// The data-protection key ring (which encrypts portal cookies and antiforgery tokens) as rows of
/// data_protection_keys, so a cookie one node issued is read by every other. Used on PostgreSQL;
/// ASP.NET Core asks synchronously and rarely (at start and when a key is created or unknown).
/// </summary>
public sealed class DataProtectionKeyRows(IDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        return [.. connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY name").Select(x => XElement.Parse(x))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        connection.Execute(
            "INSERT INTO data_protection_keys (name, xml) VALUES (@friendlyName, @xml) ON CONFLICT (name) DO UPDATE SET xml = excluded.xml",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}
