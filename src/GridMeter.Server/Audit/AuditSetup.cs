namespace GridMeter.Server.Audit;

public static class AuditSetup
{
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AuditJson.Default));
        return builder;
    }
}
