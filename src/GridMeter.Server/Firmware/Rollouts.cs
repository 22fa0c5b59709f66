using System.Globalization;
using System.Security.Cryptography;
using GridMeter.Domain.Accounts;
using GridMeter.Domain.Firmware;
using GridMeter.Domain.Meters;
using GridMeter.Domain.Text;
using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Firmware;

/// <summary>Creating a rollout (resolving its target group into waves) and pausing, resuming or cancelling one.</summary>
public sealed class Rollouts(RolloutStore store, FirmwareImages images, AuditLog audit, TimeProvider clock, IOptions<FirmwareOptions> options)
{
    public const int MaxListedMeters = 10_000;

    /// <summary>The rollout created, or the status and reason of the refusal.</summary>
    public async Task<(RolloutResponse? Rollout, int Status, string? Problem)> CreateAsync(CreateRolloutRequest request, Caller caller, HttpContext http,
        CancellationToken cancellationToken)
    {
        var waves = request.Waves ?? [1, 10, 100];
        var success = request.SuccessThreshold ?? 90;
        var error = request.ErrorThreshold ?? 20;
        var window = request.Window is null ? MaintenanceWindow.Always : MaintenanceWindow.Parse(request.Window);
        var target = request.Target;
        var problem = RolloutWaves.Check(waves) ?? RolloutGate.Check(success, error)
            ?? (window is null ? "'window' must be local times \"HH:mm-HH:mm\", e.g. \"01:00-05:00\"" : null)
            ?? (request.Name is { } name && !PlainText.IsValid(name, 200) ? "'name' must be plain text of at most 200 characters" : null)
            ?? CheckTarget(target);
        if (problem is not null)
        {
            return (null, 400, problem);
        }
        if (request.Force == true && !caller.IsAdmin)
        {
            return (null, 403, "only an admin may force a downgrade");
        }
        var supplierId = caller.IsAdmin ? request.SupplierId : caller.OrganisationId;
        if (supplierId is not null && (!AccountText.IsIdentifier(supplierId) || !await images.IsSupplierAsync(supplierId, cancellationToken)))
        {
            return (null, 400, "'supplierId' must name a supplier organisation");
        }
        var image = FirmwareImage.IsId(request.ImageId) ? await images.FindForAsync(request.ImageId!, supplierId, caller.IsAdmin, cancellationToken) : null;
        if (image is null)
        {
            return (null, 400, "'imageId' must name a firmware image you may roll out");
        }
        if (target!.Model is not null && target.Model != image.Model)
        {
            return (null, 400, $"the image is for model {image.Model}, the target group is model {target.Model}");
        }
        // Without a list, only meters known to be of the image's model are chosen; a listed meter of no recorded model is taken as listed.
        var candidates = await store.CandidatesAsync(supplierId, target.MeterIds is null ? target with { Model = image.Model } : target, cancellationToken);
        var skipped = new List<SkippedMeter>();
        var chosen = new List<RolloutCandidate>();
        foreach (var meter in candidates)
        {
            var refusal = meter.Model is not null && meter.Model != image.Model
                ? $"model {meter.Model}, the image is for {image.Model}"
                : UpgradeRule.Refusal(meter.Firmware, image.Version, request.Force == true);
            if (refusal is null)
            {
                chosen.Add(meter);
            }
            else
            {
                skipped.Add(new SkippedMeter(meter.Id, refusal));
            }
        }
        if (chosen.Count == 0)
        {
            return (null, 400, candidates.Count == 0 ? "the target group has no meters you may update"
                : $"no meter of the target group can take {image.Version}: " + string.Join("; ", skipped.Take(5).Select(s => $"{s.MeterId}: {s.Reason}")));
        }
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var rollout = new Rollout(0, "ro-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), request.Name, image.Key, image.Id, image.Model, image.Version,
            supplierId, RolloutStatus.Running, string.Join(',', waves.Select(w => w.ToString(CultureInfo.InvariantCulture))), 0, success, error, window!.ToString(),
            request.Force == true ? 1 : 0, options.Value.DownloadBaseUrl ?? $"{http.Request.Scheme}://{http.Request.Host}", null, caller.Actor, now, now);
        var assigned = RolloutWaves.Assign(chosen.Count, waves);
        await using (var connection = await store.OpenAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await store.InsertAsync(connection, transaction, rollout, [.. chosen.Select((m, i) => (m.Key, assigned[i]))], cancellationToken);
            await audit.RecordAsync(connection, transaction, AuditEntry.By(caller, http, "rollout.created", $"rollout:{rollout.Id}",
                AuditDetails.Of(("image", image.Id), ("version", image.Version), ("meters", chosen.Count), ("skipped", skipped.Count), ("force", request.Force == true))),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        var created = await store.FindAsync(rollout.Id, cancellationToken);
        return (await DescribeAsync(created!, cancellationToken) with { Skipped = skipped }, 201, null);
    }

    /// <summary>pause, resume or cancel; false when the rollout is not in a state that allows it.</summary>
    public async Task<bool> ChangeAsync(Rollout rollout, string action, Caller caller, HttpContext http, CancellationToken cancellationToken)
    {
        var (from, to, wave, reason) = action switch
        {
            "pause" => ([RolloutStatus.Running], RolloutStatus.Paused, rollout.CurrentWave, $"paused by {caller.Actor}"),
            // A wave paused by a threshold is accepted as it stands: the next one opens.
            "resume" when rollout.PausedByThreshold => (new[] { RolloutStatus.Paused }, RolloutStatus.Running,
                Math.Min(rollout.CurrentWave + 1, rollout.WavePercents.Length - 1), (string?)null),
            "resume" => ([RolloutStatus.Paused], RolloutStatus.Running, rollout.CurrentWave, null),
            _ => ([RolloutStatus.Running, RolloutStatus.Paused], RolloutStatus.Cancelled, rollout.CurrentWave, $"cancelled by {caller.Actor}"),
        };
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await store.MoveAsync(connection, transaction, rollout.Key, from, to, wave, reason, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken))
        {
            return false;
        }
        await audit.RecordAsync(connection, transaction, AuditEntry.By(caller, http, $"rollout.{to}", $"rollout:{rollout.Id}",
            AuditDetails.Of(("wave", wave + 1), ("was", rollout.Status))), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<RolloutResponse> DescribeAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        var counts = await store.CountsAsync(rollout.Key, cancellationToken);
        var percents = rollout.WavePercents;
        var perWave = Enumerable.Range(0, percents.Length)
            .Select(w => RolloutProgress.Of(counts.Where(c => c.Wave == w).ToDictionary(c => c.State, c => c.Count))).ToList();
        var all = RolloutProgress.Of(counts.GroupBy(c => c.State).ToDictionary(g => g.Key, g => g.Sum(c => c.Count)));
        return new RolloutResponse(rollout.Id, rollout.Name, rollout.ImageId, rollout.Model, rollout.Version, rollout.SupplierId, rollout.Status, percents,
            (int)rollout.CurrentWave + 1, (int)rollout.SuccessThreshold, (int)rollout.ErrorThreshold, rollout.MaintenanceWindow, rollout.Forced != 0,
            rollout.PauseReason, all, perWave, rollout.CreatedBy, DateTimeOffset.FromUnixTimeMilliseconds(rollout.CreatedAt), null);
    }

    private static string? CheckTarget(RolloutTarget? target)
    {
        if (target is null || (target.Model is null && target.NetworkOperatorId is null && target.MeterIds is null))
        {
            return "'target' must name a model, a networkOperatorId or meterIds";
        }
        if (target.Model is not null && !MeterId.IsValid(target.Model))
        {
            return "'target.model' must be 1 to 64 characters A-Z a-z 0-9 . _ -";
        }
        if (target.NetworkOperatorId is not null && !AccountText.IsIdentifier(target.NetworkOperatorId))
        {
            return "'target.networkOperatorId' must be an organisation id";
        }
        if (target.MeterIds is { } ids && (ids.Length is 0 or > MaxListedMeters || ids.Any(id => id is null || !MeterId.IsValid(id))))
        {
            return $"'target.meterIds' must list 1 to {MaxListedMeters} meter ids";
        }
        return null;
    }
}
