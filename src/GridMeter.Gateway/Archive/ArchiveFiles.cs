using System.Globalization;
using System.Text;
using GridMeter.Gateway.Drivers;

namespace GridMeter.Gateway.Archive;

/// <summary>
/// The 1-minute archive: one CSV file per local day (yyyy-MM-dd.csv) in dataDir/archive, a row per
/// meter, value and minute: time,meter,obis,value,unit. Appended, so a half-written day stays readable.
/// </summary>
public sealed class ArchiveFiles(string directory, TimeZoneInfo zone)
{
    public const string Header = "time,meter,obis,value,unit";

    public string Directory { get; } = directory;

    public async Task AppendAsync(DateTimeOffset minute, IEnumerable<MeterSample> samples, CancellationToken cancellationToken)
    {
        var local = TimeZoneInfo.ConvertTime(minute, zone);
        var path = Path.Combine(Directory, local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".csv");
        var text = new StringBuilder();
        if (!File.Exists(path))
        {
            text.Append(Header).Append('\n');
        }
        var time = local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        foreach (var sample in samples)
        {
            foreach (var value in sample.Values.Where(v => v.Obis.A == 1))
            {
                text.Append(CultureInfo.InvariantCulture, $"{time},{sample.MeterId},{value.Obis.Current},{value.Value},{value.Unit}\n");
            }
        }
        System.IO.Directory.CreateDirectory(Directory);
        await File.AppendAllTextAsync(path, text.ToString(), cancellationToken);
    }

    /// <summary>The archive's day files, newest first.</summary>
    public IReadOnlyList<string> List() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, "*.csv").Select(f => Path.GetFileName(f)).Where(n => IsDayFile(n)).Order(StringComparer.Ordinal).Reverse().ToList()
            : [];

    /// <summary>The full path of a day file, or null for anything that is not one (no path tricks).</summary>
    public string? Find(string name) =>
        IsDayFile(name) && File.Exists(Path.Combine(Directory, name)) ? Path.Combine(Directory, name) : null;

    /// <summary>yyyy-MM-dd.csv and nothing else: no separators, no "..".</summary>
    private static bool IsDayFile(string name) =>
        name.Length == 14 && name.EndsWith(".csv", StringComparison.Ordinal)
        && DateOnly.TryParseExact(name[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
