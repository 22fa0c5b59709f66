using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Broker;
using GridMeter.Server.Consumption;
using GridMeter.Server.Demo;
using GridMeter.Server.Devices;
using GridMeter.Server.Events;
using GridMeter.Server.Health;
using GridMeter.Server.Hosting;
using GridMeter.Server.Live;
using GridMeter.Server.Meters;
using GridMeter.Server.Quarantine;
using GridMeter.Server.Readings;
using GridMeter.Server.Storage;

var builder = WebApplication.CreateBuilder(CommandLine.Normalise(args));
builder.AddHosting();
builder.AddHealth();
builder.AddStorage();
builder.AddAudit();
builder.AddAuth();
builder.AddMeters();
builder.AddQuarantine();
builder.AddReadings();
builder.AddDevices();
builder.AddLive();
builder.AddEvents();
builder.AddBroker();
builder.AddConsumption();
builder.AddDemo();

var app = builder.Build();
app.UseHosting();
app.MapHealth();
app.MapAuth();
app.MapMeters();
app.MapReadings();
app.MapQuarantine();
app.MapGateways();
app.MapLive();
app.MapEvents();
app.MapConsumption();
app.Run();

/// <summary>The server's entry point, named so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
