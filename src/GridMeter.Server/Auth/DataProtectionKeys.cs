using GridMeter.Server.Hosting;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Auth;

/// <summary>
/// Keeps the data-protection keys (which encrypt portal cookies and antiforgery tokens) in
/// DataDir/keys, so a restart keeps everyone logged in. Several nodes on PostgreSQL must share
/// these keys; until they live in the database, point every node's keys directory at one place.
/// </summary>
public sealed class DataProtectionKeys(IOptions<GridMeterOptions> gridMeter, ILoggerFactory loggerFactory) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options)
    {
        var directory = new DirectoryInfo(Path.Combine(gridMeter.Value.DataDir, "keys"));
        directory.Create();
        options.XmlRepository = new FileSystemXmlRepository(directory, loggerFactory);
    }
}
