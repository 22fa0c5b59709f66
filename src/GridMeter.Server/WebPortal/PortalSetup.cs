namespace GridMeter.Server.WebPortal;

public static class PortalSetup
{
    /// <summary>Server-rendered pages (Razor components, static rendering) and the queries behind them.</summary>
    public static IHostApplicationBuilder AddPortal(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.AddSingleton<MeterHealthQuery>();
        builder.Services.AddSingleton<MeterSummaryQuery>();
        builder.Services.AddSingleton<NetworkQuery>();
        builder.Services.AddSingleton<MeterAccountQuery>();
        builder.Services.AddSingleton<TariffRequestQuery>();
        builder.Services.AddSingleton<PrepaidAccountQuery>();
        builder.Services.AddSingleton<PortalNotificationsApi.Loader>();
        return builder;
    }
}
