using FsCheck;
using FsCheck.Fluent;
using GridMeter.Protocols.Dlms;

namespace GridMeter.Protocols.Tests.Dlms;

/// <summary>Generators of valid COSEM data for the round-trip properties.</summary>
internal static class DataGen
{
    public static Gen<DlmsData> Value(int depth) => depth == 0 ? Leaf : Gen.Frequency(
        (4, Leaf),
        (1, Gen.ListOf(Value(depth - 1)).Select(items => DlmsData.Array([.. items.Take(8)]))),
        (1, Gen.ListOf(Value(depth - 1)).Select(items => DlmsData.Structure([.. items.Take(8)]))));

    private static Gen<DlmsData> Leaf => Gen.OneOf(
        Gen.Constant(DlmsData.Null),
        ArbMap.Default.GeneratorFor<bool>().Select(DlmsData.Boolean),
        ArbMap.Default.GeneratorFor<sbyte>().Select(DlmsData.Int8),
        ArbMap.Default.GeneratorFor<short>().Select(DlmsData.Int16),
        ArbMap.Default.GeneratorFor<int>().Select(DlmsData.Int32),
        ArbMap.Default.GeneratorFor<long>().Select(DlmsData.Int64),
        ArbMap.Default.GeneratorFor<byte>().Select(DlmsData.UInt8),
        ArbMap.Default.GeneratorFor<ushort>().Select(DlmsData.UInt16),
        ArbMap.Default.GeneratorFor<uint>().Select(DlmsData.UInt32),
        ArbMap.Default.GeneratorFor<ulong>().Select(DlmsData.UInt64),
        ArbMap.Default.GeneratorFor<byte>().Select(DlmsData.Enum),
        ArbMap.Default.GeneratorFor<float>().Select(DlmsData.Float32),
        ArbMap.Default.GeneratorFor<double>().Select(DlmsData.Float64),
        Properties.Bytes(300).Select(b => DlmsData.OctetString(b)),
        Gen.ArrayOf(Gen.Choose(0x20, 0x7E).Select(c => (char)c)).Select(c => DlmsData.VisibleString(new string(c))),
        Gen.Zip(Gen.Choose(2000, 2099), Gen.Choose(-720, 720)).Select(p =>
            DlmsData.DateTimeOctets(new CosemDateTime((ushort)p.Item1, 6, 15, 6, 12, 30, 0, 0, (short)p.Item2, ClockStatus.None))));
}
