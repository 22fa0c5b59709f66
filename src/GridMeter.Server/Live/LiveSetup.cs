namespace GridMeter.Server.Live;

public static class LiveSetup
{
    public static IHostApplicationBuilder AddLive(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<LiveValueStore>();
        builder.Services.AddHostedService<LiveMinuteJob>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, LiveJson.Default));
        return builder;
    }
}
