using System.Reflection;
using GridMeter.Bench;

// dotnet run -c Release --project bench/GridMeter.Bench -- <name> [--quick]
var benchmarks = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsAssignableTo(typeof(IBenchmark)))
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

var name = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
var benchmark = benchmarks.FirstOrDefault(b => b.Name == name);
if (benchmark is null)
{
    Console.Error.WriteLine("usage: GridMeter.Bench <name> [--quick]");
    foreach (var b in benchmarks)
    {
        Console.Error.WriteLine($"  {b.Name,-12} {b.Description}");
    }
    return name is null ? 0 : 2;
}

var quick = args.Contains("--quick");
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
using var context = new BenchmarkContext(quick, Directory.CreateTempSubdirectory($"gridmeter-bench-{benchmark.Name}-").FullName);
Console.WriteLine($"{benchmark.Name}: {benchmark.Description} ({(quick ? "quick" : "full")} profile, {Environment.ProcessorCount} cores, {Assembly.GetExecutingAssembly().GetName().Version})");
var result = await benchmark.RunAsync(context, cancel.Token);
Console.WriteLine(result.ToLine(benchmark.Name));
return 0;
