namespace GridMeter.Server.Vee;

public static class VeeSetup
{
    public static IHostApplicationBuilder AddVee(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<VeeOptions>().BindConfiguration(VeeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<VeeStore>();
        builder.Services.AddSingleton<VeeSettingsStore>();
        builder.Services.AddSingleton<IntervalEdits>();
        builder.Services.AddSingleton<RegisterEventLog>();
        builder.Services.AddSingleton<VeeJob>();
        builder.Services.AddHostedService(services => services.GetRequiredService<VeeJob>());
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, VeeJson.Default));
        return builder;
    }
}
