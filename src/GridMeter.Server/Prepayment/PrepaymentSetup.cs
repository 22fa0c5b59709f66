namespace GridMeter.Server.Prepayment;

public static class PrepaymentSetup
{
    public static IHostApplicationBuilder AddPrepayment(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PrepaymentOptions>().BindConfiguration(PrepaymentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PrepaidStore>();
        builder.Services.AddSingleton<RecordedSupplySwitch>();
        // Until the device commands carry them out, every request is kept for them in supply_switch_requests.
        builder.Services.AddSingleton<ISupplySwitch>(services => services.GetRequiredService<RecordedSupplySwitch>());
        builder.Services.AddSingleton<PrepaymentJob>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PrepaymentJob>());
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, PrepaymentJson.Default));
        return builder;
    }
}
