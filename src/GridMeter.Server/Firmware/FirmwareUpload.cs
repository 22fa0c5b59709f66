using System.Security.Cryptography;
using GridMeter.Domain.Accounts;
using GridMeter.Domain.Firmware;
using GridMeter.Server.Auth;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Firmware;

/// <summary>
/// Takes an upload: the image as the raw body, its manifest in headers (X-Firmware-Model, -Version,
/// -Sha256, -Signature; optional -Size, and -Supplier for an admin). The body is streamed to a
/// scratch file while hashed; only an image whose size, SHA-256 and vendor signature all hold is kept.
/// </summary>
public sealed class FirmwareUpload(FirmwareImages images, VendorKeys vendorKeys, TimeProvider clock, IOptions<FirmwareOptions> options)
{
    /// <summary>The stored image, or the status and reason of the refusal.</summary>
    public async Task<(FirmwareImage? Image, int Status, string? Problem)> AcceptAsync(HttpRequest request, Caller caller, CancellationToken cancellationToken)
    {
        string? Header(string name) => request.Headers.TryGetValue("X-Firmware-" + name, out var v) && v.Count == 1 ? v[0] : null;
        var supplierId = caller.IsAdmin ? Header("Supplier") : caller.OrganisationId;
        if (supplierId is not null && (!AccountText.IsIdentifier(supplierId) || !await images.IsSupplierAsync(supplierId, cancellationToken)))
        {
            return (null, 400, "'X-Firmware-Supplier' must name a supplier organisation");
        }
        var declaredSize = Header("Size") is { } sizeText ? (long.TryParse(sizeText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : -1) : 0;
        var claimed = new FirmwareManifest(Header("Model") ?? "", Header("Version") ?? "", Math.Max(declaredSize, 1), (Header("Sha256") ?? "").ToLowerInvariant());
        var problem = FirmwareCheck.Manifest(claimed) ?? (declaredSize < 0 ? "'X-Firmware-Size' must be a number of bytes" : null);
        if (problem is not null)
        {
            return (null, 400, problem + " (headers X-Firmware-Model, -Version, -Sha256, -Signature)");
        }
        if (request.ContentLength > options.Value.MaxImageBytes)
        {
            return (null, 413, $"an image may have at most {options.Value.MaxImageBytes} bytes");
        }
        var incoming = images.IncomingPath();
        try
        {
            var (size, sha256) = await ReceiveAsync(request.Body, incoming, cancellationToken);
            if (size > options.Value.MaxImageBytes)
            {
                return (null, 413, $"an image may have at most {options.Value.MaxImageBytes} bytes");
            }
            var manifest = claimed with { Size = declaredSize > 0 ? declaredSize : size };
            if (FirmwareCheck.Image(manifest, size, sha256, Header("Signature"), vendorKeys.Keys) is { } refusal)
            {
                return (null, 400, refusal);
            }
            var id = FirmwareImage.IdOf(manifest.Sha256);
            if (await images.ExistsAsync(id, manifest.Model, manifest.Version, cancellationToken))
            {
                return (null, 409, $"an image with these bytes, or {manifest.Model} {manifest.Version}, exists already");
            }
            var image = new FirmwareImage(0, id, manifest.Model, manifest.Version, size, manifest.Sha256, Header("Signature")!, supplierId, caller.Actor,
                clock.GetUtcNow().ToUnixTimeMilliseconds());
            await images.AddAsync(image, incoming, cancellationToken);
            return (await images.FindAsync(id, cancellationToken), 201, null);
        }
        finally
        {
            File.Delete(incoming);
        }
    }

    private async Task<(long Size, byte[] Sha256)> ReceiveAsync(Stream body, string path, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                size += read;
                if (size > options.Value.MaxImageBytes)
                {
                    // Stop writing; the caller refuses the upload.
                    return (size, []);
                }
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            await file.FlushAsync(cancellationToken);
        }
        return (size, hash.GetHashAndReset());
    }
}
