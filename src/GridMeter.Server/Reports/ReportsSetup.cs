namespace GridMeter.Server.Reports;

public static class ReportsSetup
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReportBuilder>();
        builder.Services.AddSingleton<ReportStore>();
        builder.Services.AddSingleton<ScheduleStore>();
        builder.Services.AddSingleton<ReportMailer>();
        builder.Services.AddSingleton<ReportMaker>();
        builder.Services.AddSingleton<ReportJob>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReportJob>());
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ReportsJson.Default));
        return builder;
    }
}
