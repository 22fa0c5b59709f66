using System.ComponentModel.DataAnnotations;

namespace GridMeter.Server.Storage;

/// <summary>GridMeter:Storage — which database holds the data.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "GridMeter:Storage";

    /// <summary>sqlite (default: one file in the data directory) or postgres.</summary>
    [Required]
    [RegularExpression("^(?i)(sqlite|postgres)$", ErrorMessage = "GridMeter:Storage:Provider must be sqlite or postgres")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>Npgsql connection string for postgres; for sqlite, an optional file path overriding DataDir/gridmeter.db.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQLite page cache of the reading writer, in MiB: the recent pages of every meter stay in memory.</summary>
    [Range(2, 16384)]
    public int SqliteCacheMiB { get; set; } = 64;

    /// <summary>PostgreSQL: monthly readings partitions created ahead of the current month.</summary>
    [Range(1, 24)]
    public int PartitionMonthsAhead { get; set; } = 3;

    /// <summary>PostgreSQL: months of readings kept (the current one included); older monthly partitions are dropped. 0 keeps all.</summary>
    [Range(0, 1200)]
    public int ReadingRetentionMonths { get; set; }

    public StorageProvider Kind => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase)
        ? StorageProvider.Postgres
        : StorageProvider.Sqlite;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Kind == StorageProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "GridMeter:Storage:ConnectionString is required when the provider is postgres",
                [nameof(ConnectionString)]);
        }
    }
}
