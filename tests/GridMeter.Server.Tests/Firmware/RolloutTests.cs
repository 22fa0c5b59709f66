using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridMeter.Server.Firmware;
using GridMeter.Server.Tests.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace GridMeter.Server.Tests.Firmware;

/// <summary>Rollouts over simulated meters, driven round by round by the firmware job.</summary>
public sealed class RolloutTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rollout_to_a_thousand_meters_in_three_waves_completes_one_wave_after_another()
    {
        // The store and the meters' slots in memory (tmpfs where there is one): this measures the rollout, not the disk's fsync.
        await using var app = await GridMeterApp.StartAsync(dataDir: SimulatedFleet.ScratchDirectory("gridmeter-test-"),
            settings: new() { ["GridMeter:Firmware:BatchSize"] = "1000" });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var admin = await app.AdminAsync();
        using var fleet = await SimulatedFleet.CreateAsync(app, admin, 1000, "GM-200", "1.0.0", 4096);
        var provisioned = watch.Elapsed;
        var imageId = await TestVendor.PublishAsync(admin, "GM-200", "2.0.0", 4096);
        var rollout = await CreateAsync(admin, new { imageId, target = new { model = "GM-200" }, waves = new[] { 1, 10, 100 }, successThreshold = 95, errorThreshold = 5 });
        var job = app.Services.GetRequiredService<FirmwareJob>();

        var sentPerRound = new List<int>();
        RolloutResponse state;
        do
        {
            Assert.True(sentPerRound.Count < 10, "the rollout should complete within 10 rounds");
            await job.RunOnceAsync(Cancel);
            sentPerRound.Add(await fleet.AnswerAsync(admin, rollout.Id));
            state = (await admin.GetFromJsonAsync<RolloutResponse>($"/api/v1/rollouts/{rollout.Id}", Cancel))!;
        }
        while (state.Status == "running");
        TestContext.Current.SendDiagnosticMessage($"1000 meters: provisioned in {provisioned.TotalSeconds:F1} s, rolled out in {(watch.Elapsed - provisioned).TotalSeconds:F1} s");

        Assert.Equal("completed", state.Status);
        Assert.Equal([10, 90, 900, 0], sentPerRound);
        Assert.Equal(1000, state.Progress.Activated);
        Assert.Equal([10, 90, 900], state.WaveProgress.Select(w => w.Activated));
        Assert.All(fleet.Meters.Values, m =>
        {
            Assert.Equal("2.0.0", m.Firmware.Running.Version);
            Assert.Null(m.Slots.Verify(m.Firmware.RunningSlot, m.Firmware.Running, [TestVendor.Key]));
        });
        var shown = await admin.GetFromJsonAsync<JsonElement>("/api/v1/meters/MTR-0999", Cancel);
        Assert.Equal("2.0.0", shown.GetProperty("status").GetProperty("firmware").GetString());
    }

    [Fact]
    public async Task With_a_fifth_of_the_first_wave_failing_the_rollout_pauses_before_the_second_and_those_meters_stay_on_their_image()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var admin = await app.AdminAsync();
        using var fleet = await SimulatedFleet.CreateAsync(app, admin, 100, "GM-200", "1.0.0", 4096);
        var imageId = await TestVendor.PublishAsync(admin, "GM-200", "2.0.0", 4096);
        var rollout = await CreateAsync(admin, new { imageId, target = new { model = "GM-200" }, waves = new[] { 10, 50, 100 }, successThreshold = 90, errorThreshold = 20 });
        var job = app.Services.GetRequiredService<FirmwareJob>();
        fleet.FailNext(2);

        await job.RunOnceAsync(Cancel);
        Assert.Equal(10, await fleet.AnswerAsync(admin, rollout.Id));
        await job.RunOnceAsync(Cancel);
        Assert.Equal(0, await fleet.AnswerAsync(admin, rollout.Id));

        var state = (await admin.GetFromJsonAsync<RolloutResponse>($"/api/v1/rollouts/{rollout.Id}", Cancel))!;
        Assert.Equal("paused", state.Status);
        Assert.StartsWith("wave 1: 2 of 10 meters failed", state.PauseReason, StringComparison.Ordinal);
        Assert.Equal((8, 2), (state.WaveProgress[0].Activated, state.WaveProgress[0].RolledBack));
        Assert.Equal(40, state.WaveProgress[1].Scheduled);
        Assert.Equal(10, await app.CountAsync("commands"));
        var rolledBack = (await admin.GetFromJsonAsync<RolloutMeterList>($"/api/v1/rollouts/{rollout.Id}/targets/rolledBack", Cancel))!.Items;
        Assert.All(rolledBack, m =>
        {
            var meter = fleet.Meters[m.MeterId];
            Assert.Equal("1.0.0", meter.Firmware.Running.Version);
            Assert.Null(meter.Slots.Verify(meter.Firmware.RunningSlot, meter.Firmware.Running, [TestVendor.Key]));
            Assert.Contains("self-test", m.Detail, StringComparison.Ordinal);
        });

        // An operator who accepts the first wave's result resumes: the second wave starts.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/rollouts/{rollout.Id}/resume", null, Cancel)).StatusCode);
        await job.RunOnceAsync(Cancel);
        Assert.Equal(40, await fleet.AnswerAsync(admin, rollout.Id));
    }

    [Fact]
    public async Task A_downgrade_is_refused_unless_an_admin_forces_it()
    {
        await using var app = await GridMeterApp.StartAsync();
        using var admin = await app.AdminAsync();
        await World.SendAsync(admin, "/api/v1/organisations", new { id = "acme", name = "ACME", kind = "supplier" });
        await World.SendAsync(admin, "/api/v1/users", new { username = "sam", password = "long enough password", role = "supplier", organisationId = "acme" });
        using var supplier = await app.ClientForAsync("sam", "long enough password");
        using var fleet = await SimulatedFleet.CreateAsync(app, admin, 3, "GM-200", "2.0.0", 4096);
        var older = await TestVendor.PublishAsync(admin, "GM-200", "1.9.0", 4096);

        var refused = await admin.PostAsJsonAsync("/api/v1/rollouts", new { imageId = older, target = new { model = "GM-200" } }, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("downgrade from 2.0.0 to 1.9.0 refused", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var notAdmin = await supplier.PostAsJsonAsync("/api/v1/rollouts", new { imageId = older, target = new { model = "GM-200" }, force = true }, Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);

        var forced = await CreateAsync(admin, new { imageId = older, target = new { model = "GM-200" }, waves = new[] { 100 }, force = true });
        await app.Services.GetRequiredService<FirmwareJob>().RunOnceAsync(Cancel);
        Assert.Equal(3, await fleet.AnswerAsync(admin, forced.Id));
        await app.Services.GetRequiredService<FirmwareJob>().RunOnceAsync(Cancel);
        var done = (await admin.GetFromJsonAsync<RolloutResponse>($"/api/v1/rollouts/{forced.Id}", Cancel))!;
        Assert.Equal(("completed", 3), (done.Status, done.Progress.Activated));
        Assert.All(fleet.Meters.Values, m => Assert.Equal("1.9.0", m.Firmware.Running.Version));
    }

    [Fact]
    public async Task Meters_are_updated_only_inside_the_maintenance_window_of_their_local_time()
    {
        // 12:00 UTC is 13:00 in Rome, outside 01:00–05:00.
        await using var app = await GridMeterApp.StartAsync();
        using var admin = await app.AdminAsync();
        using var fleet = await SimulatedFleet.CreateAsync(app, admin, 5, "GM-200", "1.0.0", 4096);
        var imageId = await TestVendor.PublishAsync(admin, "GM-200", "2.0.0", 4096);
        var rollout = await CreateAsync(admin, new { imageId, target = new { model = "GM-200" }, waves = new[] { 100 }, window = "01:00-05:00" });
        var job = app.Services.GetRequiredService<FirmwareJob>();

        await job.RunOnceAsync(Cancel);
        Assert.Equal(0, await app.CountAsync("commands"));
        app.Clock.Set(new DateTimeOffset(2026, 11, 23, 0, 30, 0, TimeSpan.Zero)); // 01:30 in Rome
        await job.RunOnceAsync(Cancel);
        using var later = await app.AdminAsync();
        Assert.Equal(5, await fleet.AnswerAsync(later, rollout.Id));
    }

    [Theory]
    [InlineData(StorageBackend.Sqlite)]
    [InlineData(StorageBackend.Postgres)]
    public async Task A_small_rollout_runs_its_waves_to_completion_on_either_store(StorageBackend storage)
    {
        await using var app = await GridMeterApp.StartAsync(storage);
        using var admin = await app.AdminAsync();
        using var fleet = await SimulatedFleet.CreateAsync(app, admin, 20, "GM-200", "1.0.0", 4096);
        var imageId = await TestVendor.PublishAsync(admin, "GM-200", "2.0.0", 4096);
        var rollout = await CreateAsync(admin, new { imageId, target = new { meterIds = fleet.Meters.Keys.ToArray() }, waves = new[] { 50, 100 } });
        var job = app.Services.GetRequiredService<FirmwareJob>();

        await job.RunOnceAsync(Cancel);
        Assert.Equal(10, await fleet.AnswerAsync(admin, rollout.Id));
        await job.RunOnceAsync(Cancel);
        Assert.Equal(10, await fleet.AnswerAsync(admin, rollout.Id));
        await job.RunOnceAsync(Cancel);

        var done = (await admin.GetFromJsonAsync<RolloutResponse>($"/api/v1/rollouts/{rollout.Id}", Cancel))!;
        Assert.Equal(("completed", 20, 100), (done.Status, done.Progress.Activated, done.Progress.PercentDone));
    }

    private static async Task<RolloutResponse> CreateAsync(HttpClient admin, object body)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/rollouts", body, Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancel));
        return (await response.Content.ReadFromJsonAsync<RolloutResponse>(Cancel))!;
    }
}
