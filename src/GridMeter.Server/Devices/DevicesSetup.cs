namespace GridMeter.Server.Devices;

public static class DevicesSetup
{
    public static IHostApplicationBuilder AddDevices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Gateways>();
        builder.Services.AddSingleton<DeviceStatusStore>();
        builder.Services.AddSingleton<DeviceMessages>();
        builder.Services.AddSingleton<MeterHealthQuery>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, DevicesJson.Default));
        return builder;
    }
}
