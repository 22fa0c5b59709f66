namespace GridMeter.Server.Billing;

public static class BillingSetup
{
    public static IHostApplicationBuilder AddBilling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CostCalculator>();
        builder.Services.AddSingleton<BillStore>();
        builder.Services.AddSingleton<BillRunner>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BillingJson.Default));
        return builder;
    }
}
