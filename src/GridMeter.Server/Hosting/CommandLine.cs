namespace GridMeter.Server.Hosting;

/// <summary>Turns the bare flag --demo into the setting GridMeter:Demo=true; other arguments pass through.</summary>
public static class CommandLine
{
    public static string[] Normalise(string[] args) =>
        [.. args.Select(a => a is "--demo" ? "--GridMeter:Demo=true" : a)];
}
