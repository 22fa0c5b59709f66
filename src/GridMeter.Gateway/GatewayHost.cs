using Microsoft.Extensions.Configuration;
using System.Threading.Channels;
using GridMeter.Gateway.Archive;
using GridMeter.Gateway.Configuration;
using GridMeter.Gateway.Drivers;
using GridMeter.Gateway.Local;
using GridMeter.Gateway.Registers;
using GridMeter.Gateway.Uplink;

namespace GridMeter.Gateway;

/// <summary>
/// Builds the gateway: drivers → samples channel → live board, register snapshots, archive → outbox →
/// uplink; and the local web site. The generic host, without a web server framework, so the board
/// keeps its memory for itself.
/// </summary>
public static class GatewayHost
{
    public static async Task<IHost> BuildAsync(GatewayConfig config, string[] args, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        // The empty builder: settings from the environment and the command line only, no file watchers.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
        builder.Configuration.AddEnvironmentVariables().AddCommandLine(args);
        // One level for everything (Logging:LogLevel:Default, e.g. Logging__LogLevel__Default=Warning),
        // set directly rather than through the configuration binder, which costs memory.
        var level = Enum.TryParse<LogLevel>(builder.Configuration["Logging:LogLevel:Default"], true, out var configured) ? configured : LogLevel.Information;
        builder.Logging.SetMinimumLevel(level);
        builder.Logging.AddProvider(new StderrLogger(level));
        Directory.CreateDirectory(config.DataDir);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(config.TimeZone);
        var outbox = await Outbox.OpenAsync(Path.Combine(config.DataDir, "outbox.db"), cancellationToken);
        var profile = await ProfileLog.OpenAsync(Path.Combine(config.DataDir, "profile.db"), cancellationToken);
        builder.Services.AddSingleton(config);
        builder.Services.AddSingleton(clock ?? TimeProvider.System);
        builder.Services.AddSingleton(outbox);
        builder.Services.AddSingleton(profile);
        builder.Services.AddSingleton(new ArchiveFiles(Path.Combine(config.DataDir, "archive"), zone));
        // Bounded: if the outbox's disk stalls, drivers wait instead of memory growing.
        builder.Services.AddSingleton(Channel.CreateBounded<MeterSample>(new BoundedChannelOptions(256) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait }));
        builder.Services.AddSingleton<LiveBoard>();
        builder.Services.AddSingleton<SiteNotices>();
        builder.Services.AddSingleton<Uplink.Uplink>();
        builder.Services.AddHostedService(s => s.GetRequiredService<Uplink.Uplink>());
        builder.Services.AddHostedService<SampleJob>();
        builder.Services.AddHostedService<RegisterJob>();
        builder.Services.AddHostedService<ArchiveJob>();
        builder.Services.AddHostedService<DriversJob>();
        builder.Services.AddHostedService<LocalWeb>();
        return builder.Build();
    }
}
