namespace GridMeter.Server.Firmware;

public static class FirmwareSetup
{
    public static IHostApplicationBuilder AddFirmware(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FirmwareOptions>().BindConfiguration(FirmwareOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.VendorKeys.All(VendorKeys.IsValid), "GridMeter:Firmware:VendorKeys must be ECDSA P-256 public keys in PEM")
            .Validate(o => o.DownloadBaseUrl is null || (Uri.TryCreate(o.DownloadBaseUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"),
                "GridMeter:Firmware:DownloadBaseUrl must be an absolute http(s) URL")
            .ValidateOnStart();
        builder.Services.AddSingleton<VendorKeys>();
        builder.Services.AddSingleton<FirmwareImages>();
        builder.Services.AddSingleton<FirmwareUpload>();
        builder.Services.AddSingleton<RolloutStore>();
        builder.Services.AddSingleton<Rollouts>();
        builder.Services.AddSingleton<RolloutRunner>();
        builder.Services.AddSingleton<FirmwareJob>();
        builder.Services.AddHostedService(s => s.GetRequiredService<FirmwareJob>());
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, FirmwareJson.Default));
        return builder;
    }
}
