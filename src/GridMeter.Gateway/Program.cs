using GridMeter.Gateway.Configuration;

namespace GridMeter.Gateway;

/// <summary>GridMeter gateway (CONTRACT section 5): GridMeter.Gateway --config gateway.json [--urls …]</summary>
internal static class GatewayProgram
{
    private static async Task<int> Main(string[] args)
    {
        var index = Array.IndexOf(args, "--config");
        if (index < 0 || index + 1 >= args.Length)
        {
            await Console.Error.WriteLineAsync("usage: GridMeter.Gateway --config gateway.json");
            return 2;
        }
        GatewayConfig config;
        try
        {
            config = GatewayConfigFile.Load(args[index + 1]);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        var rest = args.Where((_, i) => i != index && i != index + 1).ToArray();
        using var app = await GatewayHost.BuildAsync(config, rest);
        await app.RunAsync();
        return 0;
    }
}
