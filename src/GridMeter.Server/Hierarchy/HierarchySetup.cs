namespace GridMeter.Server.Hierarchy;

public static class HierarchySetup
{
    public static IHostApplicationBuilder AddHierarchy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<GridNodes>();
        builder.Services.AddSingleton<NodeMembers>();
        builder.Services.AddSingleton<BuildingBalance>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, HierarchyJson.Default));
        return builder;
    }
}
