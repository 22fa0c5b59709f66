namespace GridMeter.Server.Webhooks;

public static class WebhooksSetup
{
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhooksOptions>().BindConfiguration(WebhooksOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<WebhookStore>();
        builder.Services.AddSingleton<WebhookEvents>();
        builder.Services.AddSingleton<WebhooksJob>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhooksJob>());
        // Receivers are integrators' servers: a redirect is not followed (it could point anywhere).
        builder.Services.AddHttpClient(WebhooksJob.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, WebhooksJson.Default));
        return builder;
    }
}
