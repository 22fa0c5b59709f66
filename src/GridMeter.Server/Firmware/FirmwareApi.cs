using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using GridMeter.Server.Meters;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace GridMeter.Server.Firmware;

public static class FirmwareApi
{
    public static IEndpointRouteBuilder MapFirmware(this IEndpointRouteBuilder app)
    {
        var images = app.MapGroup("/api/v1/firmware").WithTags("Firmware");
        images.MapPost("/", UploadAsync).RequireAccess(Access.Change(null, Roles.Supplier, Roles.Admin))
            .WithSummary("Upload a firmware image (supplier, admin): the raw image as the body, headers X-Firmware-Model, X-Firmware-Version, " +
                "X-Firmware-Sha256 (hex) and X-Firmware-Signature (base64 ECDSA P-256 by a vendor key over the manifest), optional X-Firmware-Size and " +
                "X-Firmware-Supplier (admin) → 201; a changed byte or a wrong signature → 400 and nothing is stored");
        images.MapGet("/", ListAsync).RequireAccess(Access.ScopedTo(Roles.Supplier, Roles.Admin))
            .WithSummary("The firmware images the caller may roll out: its supplier's and those for everyone");
        images.MapGet("/{id}", GetAsync).RequireAccess(Access.Read(Resources.FirmwareImage, Roles.Supplier, Roles.Admin))
            .WithSummary("A firmware image's manifest: model, version, size, sha256, signature");
        app.MapGet("/api/v1/meters/{id}/firmware/{imageId}", DownloadAsync).WithTags("Firmware").RequireAccess(Access.Device)
            .WithSummary("A device downloads a firmware image for its model (HTTP Basic meterId:deviceSecret); Range requests resume a broken download (206)");
        return app;
    }

    private static async Task<Results<Created<FirmwareImageResponse>, ProblemHttpResult>> UploadAsync(
        HttpContext http, FirmwareUpload upload, AuditLog audit, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var (image, status, problem) = await upload.AcceptAsync(http.Request, caller, cancellationToken);
        if (image is null)
        {
            return TypedResults.Problem(problem, statusCode: status, title: status == 409 ? "Image exists" : "Image refused");
        }
        await audit.RecordAsync(AuditEntry.By(caller, http, "firmware.uploaded", $"firmware:{image.Id}",
            AuditDetails.Of(("model", image.Model), ("version", image.Version), ("sha256", image.Sha256))), cancellationToken);
        return TypedResults.Created($"/api/v1/firmware/{image.Id}", image.ToResponse());
    }

    private static async Task<Ok<FirmwareImageList>> ListAsync(HttpContext http, FirmwareImages images, CancellationToken cancellationToken) =>
        TypedResults.Ok(new FirmwareImageList([.. (await images.ListAsync(Caller.From(http.User)!, cancellationToken)).Select(i => i.ToResponse())]));

    private static async Task<Results<Ok<FirmwareImageResponse>, NotFound>> GetAsync(string id, FirmwareImages images, CancellationToken cancellationToken) =>
        await images.FindAsync(id, cancellationToken) is { } image ? TypedResults.Ok(image.ToResponse()) : TypedResults.NotFound();

    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> DownloadAsync(
        string id, string imageId, MeterDirectory meters, FirmwareImages images, CancellationToken cancellationToken)
    {
        var meter = await meters.FindAsync(id, cancellationToken);
        var image = meter is null ? null : await images.FindForAsync(imageId, meter.SupplierId, isAdmin: false, cancellationToken);
        if (image is null || (meter!.Model is not null && meter.Model != image.Model) || !File.Exists(images.PathOf(image.Id)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound);
        }
        return TypedResults.PhysicalFile(images.PathOf(image.Id), "application/octet-stream",
            lastModified: DateTimeOffset.FromUnixTimeMilliseconds(image.UploadedAt), entityTag: new EntityTagHeaderValue($"\"{image.Sha256}\""),
            enableRangeProcessing: true);
    }
}
