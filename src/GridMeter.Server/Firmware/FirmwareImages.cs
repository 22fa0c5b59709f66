using Dapper;
using GridMeter.Server.Auth;
using GridMeter.Server.Hosting;
using GridMeter.Server.Storage;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Firmware;

/// <summary>
/// Verified firmware images: the row in the store, the bytes under {DataDir}/firmware/{id}.bin.
/// An image belongs to the supplier that uploaded it, or to everyone when an admin uploaded it for no one.
/// </summary>
public sealed class FirmwareImages(IDatabase database, IOptions<GridMeterOptions> options)
{
    private const string Columns = "key, id, model, version, size, sha256, signature, supplier_id, uploaded_by, uploaded_at";

    public string Directory { get; } = Path.Combine(options.Value.DataDir, "firmware");

    public string PathOf(string id) => Path.Combine(Directory, id + ".bin");

    /// <summary>A new file in the firmware directory for an upload in progress.</summary>
    public string IncomingPath()
    {
        System.IO.Directory.CreateDirectory(Directory);
        return Path.Combine(Directory, $"incoming-{Guid.NewGuid():N}.tmp");
    }

    public async Task<FirmwareImage?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!FirmwareImage.IsId(id))
        {
            return null;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<FirmwareImage>(new CommandDefinition(
            $"SELECT {Columns} FROM firmware_images WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>The image if <paramref name="supplierId"/>'s staff may use it: their own, or one for everyone.</summary>
    public async Task<FirmwareImage?> FindForAsync(string id, string? supplierId, bool isAdmin, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) is { } image && (isAdmin || image.SupplierId is null || image.SupplierId == supplierId) ? image : null;

    public async ValueTask<bool> IsVisibleAsync(string id, Caller caller, CancellationToken cancellationToken) =>
        caller.Role is Roles.Supplier or Roles.Admin && await FindForAsync(id, caller.OrganisationId, caller.IsAdmin, cancellationToken) is not null;

    public async Task<IReadOnlyList<FirmwareImage>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<FirmwareImage>(new CommandDefinition(
            $"SELECT {Columns} FROM firmware_images WHERE @all = 1 OR supplier_id IS NULL OR supplier_id = @org ORDER BY model, uploaded_at DESC",
            new { all = caller.IsAdmin ? 1 : 0, org = caller.OrganisationId ?? "" }, cancellationToken: cancellationToken))];
    }

    /// <summary>True when an image with this id, or this model and version, exists already.</summary>
    public async Task<bool> ExistsAsync(string id, string model, string version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM firmware_images WHERE id = @id OR (model = @model AND version = @version)",
            new { id, model, version }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> IsSupplierAsync(string organisationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM organisations WHERE id = @organisationId AND kind = 'supplier'", new { organisationId }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Moves the verified upload into place and records it; the row is written only once the file is there.</summary>
    public async Task AddAsync(FirmwareImage image, string incomingPath, CancellationToken cancellationToken)
    {
        File.Move(incomingPath, PathOf(image.Id), overwrite: true);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO firmware_images (id, model, version, size, sha256, signature, supplier_id, uploaded_by, uploaded_at)
                VALUES (@Id, @Model, @Version, @Size, @Sha256, @Signature, @SupplierId, @UploadedBy, @UploadedAt)
                """, image, cancellationToken: cancellationToken));
        }
        catch
        {
            File.Delete(PathOf(image.Id));
            throw;
        }
    }
}
