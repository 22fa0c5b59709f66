using GridMeter.Server.Appliances;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Consumption;
using GridMeter.Server.Health;
using GridMeter.Server.Hierarchy;
using GridMeter.Server.Hosting;
using GridMeter.Server.Meters;
using GridMeter.Server.Readings;
using GridMeter.Server.Storage;
using GridMeter.Server.Vee;

var builder = WebApplication.CreateBuilder(CommandLine.Normalise(args));
builder.AddHosting();
builder.AddHealth();
builder.AddStorage();
builder.AddAudit();
builder.AddAuth();
builder.AddMeters();
builder.AddReadings();
builder.AddConsumption();
builder.AddVee();
builder.AddHierarchy();
builder.AddAppliances();

var app = builder.Build();
app.UseHosting();
app.MapHealth();
app.MapAuth();
app.MapMeters();
app.MapReadings();
app.MapConsumption();
app.MapVee();
app.MapHierarchy();
app.MapAppliances();
app.Run();

/// <summary>The server's entry point, named so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
