using System.Buffers.Binary;
using GridMeter.Domain.Consumption;
using NodaTime;

namespace GridMeter.Server.Vee;

/// <summary>The points of an estimate or edit as stored: (Unix seconds, Wh) pairs of little-endian int64s.</summary>
public static class PatchCodec
{
    public static byte[] Encode(IReadOnlyList<RegisterPoint> points)
    {
        var bytes = new byte[points.Count * 16];
        for (var i = 0; i < points.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 16), points[i].Timestamp.ToUnixTimeSeconds());
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan((i * 16) + 8), points[i].Wh);
        }
        return bytes;
    }

    public static RegisterPoint[] Decode(ReadOnlySpan<byte> bytes)
    {
        var points = new RegisterPoint[bytes.Length / 16];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = new RegisterPoint(
                Instant.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64LittleEndian(bytes[(i * 16)..])),
                BinaryPrimitives.ReadInt64LittleEndian(bytes[((i * 16) + 8)..]));
        }
        return points;
    }
}
