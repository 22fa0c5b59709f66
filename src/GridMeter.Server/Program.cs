using GridMeter.Server.Accounts;
using GridMeter.Server.ApiKeys;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Consumption;
using GridMeter.Server.Health;
using GridMeter.Server.Hosting;
using GridMeter.Server.Meters;
using GridMeter.Server.Readings;
using GridMeter.Server.Storage;

var builder = WebApplication.CreateBuilder(CommandLine.Normalise(args));
builder.AddHosting();
builder.AddHealth();
builder.AddStorage();
builder.AddAudit();
builder.AddAuth();
builder.AddAccounts();
builder.AddApiKeys();
builder.AddMeters();
builder.AddReadings();
builder.AddConsumption();

var app = builder.Build();
app.UseHosting();
app.MapHealth();
app.MapAuth();
app.MapPortalLogin();
app.MapProfile();
app.MapUsers();
app.MapOrganisations();
app.MapPremises();
app.MapApiKeys();
app.MapAudit();
app.MapMeters();
app.MapReadings();
app.MapConsumption();
app.Run();

/// <summary>The server's entry point, named so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
