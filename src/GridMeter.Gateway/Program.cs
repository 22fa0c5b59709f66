using GridMeter.Gateway;
using GridMeter.Gateway.Configuration;

// GridMeter gateway (CONTRACT section 5): dotnet GridMeter.Gateway.dll --config gateway.json
var index = Array.IndexOf(args, "--config");
if (index < 0 || index + 1 >= args.Length)
{
    Console.Error.WriteLine("usage: GridMeter.Gateway --config gateway.json");
    return 2;
}
GatewayConfig config;
try
{
    config = GatewayConfigFile.Load(args[index + 1]);
}
catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
var rest = args.Where((_, i) => i != index && i != index + 1).ToArray();
await using var app = await GatewayHost.BuildAsync(config, rest);
await app.RunAsync();
return 0;
