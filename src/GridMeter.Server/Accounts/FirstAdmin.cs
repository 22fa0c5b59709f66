using System.Security.Cryptography;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Hosting;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Accounts;

/// <summary>
/// On the first start with an empty store, creates user "admin" with the password in
/// GRIDMETER_ADMIN_PASSWORD, or a random one printed once (CONTRACT section 1).
/// </summary>
public sealed partial class FirstAdmin(
    UserAccounts users, AuditLog audit, IOptions<GridMeterOptions> options, IConfiguration configuration, ILogger<FirstAdmin> logger)
    : IHostedService
{
    public const string PasswordVariable = "GRIDMETER_ADMIN_PASSWORD";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await users.AnyAsync(cancellationToken))
        {
            return;
        }
        var password = options.Value.Demo ? "demo" : configuration[PasswordVariable];
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        }
        await users.CreateAsync("admin", password!, Roles.Admin, null, null, null, cancellationToken);
        var source = generated ? "generated" : options.Value.Demo ? "demo" : PasswordVariable;
        await audit.RecordAsync(
            new AuditEntry(AuditLog.System, "user.created", "user:admin", AuditDetails.Of(("role", Roles.Admin), ("passwordFrom", source))), cancellationToken);
        if (generated)
        {
            // Deliberately on the console, not in the log: the log may be shipped elsewhere.
            Console.WriteLine($"GridMeter: created user 'admin' with password {password} — shown only this once.");
        }
        LogCreated(source);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first admin user; password from {Source}")]
    private partial void LogCreated(string source);
}
