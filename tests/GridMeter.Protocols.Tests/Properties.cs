using FsCheck;
using FsCheck.Fluent;

namespace GridMeter.Protocols.Tests;

/// <summary>Runs FsCheck properties inside xunit: a failing case fails the test with its counterexample.</summary>
internal static class Properties
{
    public static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    public static void ForAll<T>(Gen<T> generator, Func<T, bool> property) =>
        FsCheck.Check.One(Config, Prop.ForAll(generator.ToArbitrary(), property));

    public static void ForAll<T>(Gen<T> generator, Action<T> property) =>
        FsCheck.Check.One(Config, Prop.ForAll(generator.ToArbitrary(), property));

    /// <summary>Arbitrary byte strings up to <paramref name="maxLength"/> long: what a noisy line delivers.</summary>
    public static Gen<byte[]> Bytes(int maxLength) =>
        Gen.Choose(0, maxLength).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n));

    /// <summary>A valid frame with 0–3 of its bytes replaced at random.</summary>
    public static Gen<byte[]> Damaged(byte[] frame) =>
        Gen.ArrayOf(Gen.Zip(Gen.Choose(0, frame.Length - 1), Gen.Choose(0, 255)), 3).Select(changes =>
        {
            var copy = (byte[])frame.Clone();
            foreach (var (at, value) in changes)
            {
                copy[at] = (byte)value;
            }
            return copy;
        });
}
