using GridMeter.Server.Cluster;
using GridMeter.Server.Hosting;
using GridMeter.Server.Storage;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Auth;

/// <summary>
/// Keeps the data-protection keys (which encrypt portal cookies and antiforgery tokens) in
/// DataDir/keys, so a restart keeps everyone logged in; on PostgreSQL in the database, shared by
/// every node of a cluster.
/// </summary>
public sealed class DataProtectionKeys(IOptions<GridMeterOptions> gridMeter, IDatabase database, ILoggerFactory loggerFactory) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options)
    {
        if (database.Provider == StorageProvider.Postgres)
        {
            options.XmlRepository = new DataProtectionKeyRows(database);
            return;
        }
        var directory = new DirectoryInfo(Path.Combine(gridMeter.Value.DataDir, "keys"));
        directory.Create();
        options.XmlRepository = new FileSystemXmlRepository(directory, loggerFactory);
    }
}
