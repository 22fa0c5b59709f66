using System.Security.Cryptography;
using GridMeter.Domain.Firmware;

namespace GridMeter.Simulator.Firmware;

/// <summary>
/// A meter's firmware updater with two image slots (A/B). The running image is never written:
/// a new one is downloaded (resuming with HTTP Range) into the other slot, verified (size, SHA-256,
/// vendor signature), marked for a trial boot, and only made active by the boot loader after it
/// verified the slot again and the image passed its self-test. Each step is persisted before the
/// next, so after a power cut at any point the meter boots a verified image: the old one, or the new.
/// </summary>
public sealed class SimulatedFirmware(FirmwareSlots slots, IReadOnlyList<ECDsa> vendorKeys, HttpImageSource source)
{
    public const int ChunkBytes = 8192;
    public const int MaxAttempts = 100;

    /// <summary>Called at every step; a test throws <see cref="PowerCutException"/> from it to cut the power there.</summary>
    public Action<string> Step { get; init; } = _ => { };

    /// <summary>The new image's self-test at its trial boot; false makes the boot loader return to the previous image.</summary>
    public Func<StoredImage, bool> SelfTest { get; init; } = _ => true;

    public StoredImage Running => slots.Load().Active;

    public string RunningSlot => slots.Load().ActiveSlot;

    /// <summary>
    /// What the boot loader does at power-up: a trial boot of an installed image (kept when it
    /// verifies and passes its self-test, otherwise back to the previous slot); else the active image.
    /// Returns the outcome of a trial boot, or null when there was none.
    /// </summary>
    public FirmwareOutcome? Boot()
    {
        var state = slots.Load();
        if (state.Update is not { Stage: FirmwareUpdateState.Installing } update)
        {
            return null;
        }
        Step("booting");
        var problem = slots.Verify(update.Slot, update.Image, vendorKeys) ?? (SelfTest(update.Image) ? null : "the new image failed its self-test");
        if (problem is not null)
        {
            slots.Save(state with { Update = null });
            Step("rolledBack");
            return new FirmwareOutcome("failed", "activating", state.Active.Version, RolledBack: true, problem);
        }
        slots.Save(new SlotState(update.Slot, update.Image, null));
        Step("activated");
        return new FirmwareOutcome("succeeded", FirmwareUpdateState.Activated, update.Image.Version, RolledBack: false, null);
    }

    /// <summary>Carries out a firmware_update command from wherever it stands (a new command, or one a power cut interrupted).</summary>
    public async Task<FirmwareOutcome> ApplyAsync(FirmwareUpdateRequest request, CancellationToken cancellationToken)
    {
        var state = slots.Load();
        if (state.Update?.CommandId != request.CommandId || state.Update.Image.Sha256 != request.Manifest.Sha256)
        {
            if (Refusal(state.Active, request) is { } refusal)
            {
                return new FirmwareOutcome("rejected", "accepting", state.Active.Version, RolledBack: false, refusal);
            }
            var slot = FirmwareSlots.Other(state.ActiveSlot);
            slots.Erase(slot);
            state = state with { Update = new PendingUpdate(request.CommandId, request.Url.ToString(), slot, StoredImage.Of(request.Manifest, request.Signature), FirmwareUpdateState.Downloading) };
            slots.Save(state);
            Step("accepted");
        }
        return await ContinueAsync(state, cancellationToken);
    }

    /// <summary>After a restart: finishes the update a power cut interrupted, if any.</summary>
    public async Task<FirmwareOutcome?> ResumeAsync(CancellationToken cancellationToken)
    {
        var state = slots.Load();
        return state.Update is null ? null : await ContinueAsync(state, cancellationToken);
    }

    private async Task<FirmwareOutcome> ContinueAsync(SlotState state, CancellationToken cancellationToken)
    {
        var update = state.Update!;
        if (update.Stage == FirmwareUpdateState.Downloading)
        {
            if (!await DownloadAsync(update, cancellationToken))
            {
                slots.Save(state with { Update = null });
                return new FirmwareOutcome("failed", FirmwareUpdateState.Downloading, state.Active.Version, RolledBack: false,
                    $"the download failed {MaxAttempts} times");
            }
            update = update with { Stage = FirmwareUpdateState.Verifying };
            slots.Save(state with { Update = update });
            Step("downloaded");
        }
        if (update.Stage == FirmwareUpdateState.Verifying)
        {
            if (slots.Verify(update.Slot, update.Image, vendorKeys) is { } problem)
            {
                slots.Erase(update.Slot);
                slots.Save(state with { Update = null });
                Step("discarded");
                return new FirmwareOutcome("failed", FirmwareUpdateState.Verifying, state.Active.Version, RolledBack: false, problem);
            }
            Step("verified");
            slots.Save(state with { Update = update with { Stage = FirmwareUpdateState.Installing } });
            Step("installing");
        }
        return Boot() ?? throw new InvalidOperationException("an installed image must boot");
    }

    private async Task<bool> DownloadAsync(PendingUpdate update, CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkBytes];
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var offset = slots.Length(update.Slot);
            if (offset >= update.Image.Size)
            {
                return true;
            }
            try
            {
                var (body, resumed, response) = await source.OpenAsync(new Uri(update.Url), offset, cancellationToken);
                using (response)
                await using (body)
                {
                    if (!resumed && offset > 0)
                    {
                        slots.Erase(update.Slot);
                    }
                    await using var slot = slots.Append(update.Slot);
                    int read;
                    while (slot.Length < update.Image.Size
                        && (read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, update.Image.Size - slot.Length)), cancellationToken)) > 0)
                    {
                        await slot.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        await slot.FlushAsync(cancellationToken);
                        Step("downloading");
                    }
                }
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                // The connection broke: what arrived is kept, the next request asks for the rest.
            }
        }
        return slots.Length(update.Slot) >= update.Image.Size;
    }

    private string? Refusal(StoredImage running, FirmwareUpdateRequest request)
    {
        if (request.Manifest.Model != running.Model)
        {
            return $"the image is for model {request.Manifest.Model}, this meter is a {running.Model}";
        }
        if (FirmwareCheck.Manifest(request.Manifest) is { } problem)
        {
            return problem;
        }
        if (!FirmwareSignature.IsValid(request.Manifest, request.Signature, vendorKeys))
        {
            return "the signature is not a vendor's signature of this image";
        }
        return UpgradeRule.Refusal(running.Version, request.Manifest.Version, request.Force);
    }
}
