using Dapper;
using GridMeter.Server.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GridMeter.Server.Storage;

public static class StorageSetup
{
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        // Columns are snake_case in both engines; records are PascalCase.
        DefaultTypeMap.MatchNamesWithUnderscores = true;

        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IDatabase>(services =>
        {
            var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            if (options.Kind == StorageProvider.Postgres)
            {
                return new PostgresDatabase(NpgsqlDataSource.Create(options.ConnectionString!));
            }
            var dataDir = services.GetRequiredService<IOptions<GridMeterOptions>>().Value.DataDir;
            var path = string.IsNullOrWhiteSpace(options.ConnectionString) ? Path.Combine(dataDir, "gridmeter.db") : options.ConnectionString;
            return new SqliteDatabase(path, options.SqliteCacheMiB);
        });
        builder.Services.AddSingleton<Migrator>();
        builder.Services.AddSingleton<RegisterCatalog>();
        builder.Services.AddHostedService<MigrationStartup>();
        builder.Services.AddSingleton<ReadingPartitions>();
        builder.Services.AddSingleton<StoreCopy>();
        builder.Services.AddSingleton<ReadingPartitionsJob>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReadingPartitionsJob>());
        return builder;
    }
}
