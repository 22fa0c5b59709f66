namespace GridMeter.Server.Alerts;

public static class AlertsSetup
{
    public static IHostApplicationBuilder AddAlerts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlertsOptions>().BindConfiguration(AlertsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient(SmsChannel.HttpClientName);
        builder.Services.AddHttpClient(WebhookChannel.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        builder.Services.AddSingleton<EmailChannel>();
        builder.Services.AddSingleton<IAlertChannel>(services => services.GetRequiredService<EmailChannel>());
        builder.Services.AddSingleton<IAlertChannel, SmsChannel>();
        builder.Services.AddSingleton<IAlertChannel, WebhookChannel>();
        builder.Services.AddSingleton<AlertSignal>();
        builder.Services.AddSingleton<Alerting>();
        builder.Services.AddSingleton<AlertStore>();
        builder.Services.AddSingleton<AlertSettingsStore>();
        builder.Services.AddSingleton<AlertDefaults>();
        builder.Services.AddSingleton<AlertRules>();
        builder.Services.AddSingleton<AlertDeliveryJob>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AlertDeliveryJob>());
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AlertsJson.Default));
        return builder;
    }
}
