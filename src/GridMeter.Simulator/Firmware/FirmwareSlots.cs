using System.Security.Cryptography;
using System.Text.Json;
using GridMeter.Domain.Firmware;

namespace GridMeter.Simulator.Firmware;

/// <summary>
/// A meter's non-volatile memory: two image slots (a, b) and a small state record naming the active
/// slot and any update in progress. The state is replaced atomically (write a new file, then rename),
/// so a power cut leaves either the old record or the new one, never half of each.
/// </summary>
public sealed class FirmwareSlots
{
    private readonly string _directory;

    public FirmwareSlots(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    private string StatePath => Path.Combine(_directory, "state.json");

    public string SlotPath(string slot) => Path.Combine(_directory, $"slot-{slot}.bin");

    public static string Other(string slot) => slot == "a" ? "b" : "a";

    public bool IsFormatted => File.Exists(StatePath);

    /// <summary>Factory programming: <paramref name="image"/> in slot a, active.</summary>
    public void Format(byte[] image, FirmwareManifest manifest, string signature)
    {
        File.WriteAllBytes(SlotPath("a"), image);
        Save(new SlotState("a", StoredImage.Of(manifest, signature), null));
    }

    public SlotState Load() => JsonSerializer.Deserialize(File.ReadAllBytes(StatePath), SlotStateJson.Default.SlotState)
        ?? throw new InvalidDataException("the firmware state record is empty");

    public void Save(SlotState state)
    {
        var temporary = StatePath + ".new";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(file, state, SlotStateJson.Default.SlotState);
            file.Flush();
        }
        File.Move(temporary, StatePath, overwrite: true);
    }

    public long Length(string slot) => File.Exists(SlotPath(slot)) ? new FileInfo(SlotPath(slot)).Length : 0;

    public void Erase(string slot) => File.WriteAllBytes(SlotPath(slot), []);

    public FileStream Append(string slot) => new(SlotPath(slot), FileMode.Append, FileAccess.Write, FileShare.Read);

    /// <summary>Null when the slot holds exactly <paramref name="image"/>, signed by a vendor key; otherwise why not.</summary>
    public string? Verify(string slot, StoredImage image, IEnumerable<ECDsa> vendorKeys)
    {
        if (!File.Exists(SlotPath(slot)))
        {
            return "the slot is empty";
        }
        using var file = File.OpenRead(SlotPath(slot));
        return FirmwareCheck.Image(image.Manifest, file.Length, SHA256.HashData(file), image.Signature, vendorKeys);
    }
}
