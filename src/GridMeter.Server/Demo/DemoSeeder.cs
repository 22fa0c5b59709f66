using GridMeter.Server.Accounts;
using GridMeter.Server.Auth;
using GridMeter.Server.Hosting;
using GridMeter.Server.Meters;
using GridMeter.Simulator.Devices;
using Microsoft.Extensions.Options;
using NodaTime;

namespace GridMeter.Server.Demo;

/// <summary>
/// Seeds the demo utility once: a supplier and a network operator, their staff, a consumer with the
/// first meter, and 20 meters in four time zones. A restart finds it there and leaves it alone.
/// </summary>
public sealed partial class DemoSeeder(
    Organisations organisations, UserAccounts users, MeterDirectory meters, IOptions<GridMeterOptions> options, TimeProvider clock, ILogger<DemoSeeder> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await organisations.CreateAsync(new Organisation(DemoFleet.SupplierId, "Demo Energy", Organisation.SupplierKind), cancellationToken))
        {
            return;
        }
        await organisations.CreateAsync(new Organisation(DemoFleet.OperatorId, "Demo Grid", Organisation.NetworkOperatorKind), cancellationToken);
        await users.CreateAsync("supplier", DemoFleet.Password, Roles.Supplier, DemoFleet.SupplierId, "supplier@demo.invalid", null, cancellationToken);
        await users.CreateAsync("operator", DemoFleet.Password, Roles.Operator, DemoFleet.OperatorId, "operator@demo.invalid", null, cancellationToken);
        var consumer = await users.CreateAsync("consumer", DemoFleet.Password, Roles.Consumer, null, "consumer@demo.invalid", null, cancellationToken);

        var now = Instant.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        var credentials = new Dictionary<string, DeviceCredentials>(StringComparer.Ordinal);
        foreach (var virtualMeter in DemoFleet.Build())
        {
            var secret = DeviceSecret.Generate();
            var meter = new Meter(
                0, virtualMeter.Id, virtualMeter.Zone, virtualMeter.Phases, DeviceSecret.Hash(secret),
                DemoFleet.SupplierId, DemoFleet.OperatorId, $"{virtualMeter.Archetype} household", "GM-Sim 1", 15, 63, 230, now);
            await meters.CreateAsync(meter, cancellationToken);
            credentials[meter.Id] = new DeviceCredentials(meter.Id, secret);
        }
        // The simulated devices need their secrets again after a restart; only the demo keeps them.
        await Provisioning.SaveAsync(DemoFleet.CredentialsPath(options.Value.DataDir), credentials, cancellationToken);
        var first = await meters.FindAsync(DemoFleet.Build()[0].Id, cancellationToken);
        await users.LinkMetersAsync(consumer!.Key, [first!.Key], cancellationToken);
        LogSeeded(DemoFleet.Size);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo utility with {Meters} meters")]
    private partial void LogSeeded(int meters);
}
