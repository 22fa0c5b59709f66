namespace GridMeter.Server.Prepayment;

public static class PrepaymentSetup
{
    public static IHostApplicationBuilder AddPrepayment(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PrepaymentOptions>().BindConfiguration(PrepaymentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PrepaidStore>();
        builder.Services.AddSingleton<PrepaymentJob>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PrepaymentJob>());
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, PrepaymentJson.Default));
        return builder;
    }
}
