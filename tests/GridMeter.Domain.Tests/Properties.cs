using FsCheck;
using FsCheck.Fluent;

namespace GridMeter.Domain.Tests;

/// <summary>Runs FsCheck properties inside xunit: a failing case fails the test with its counterexample.</summary>
internal static class Properties
{
    public static void ForAll<T>(Gen<T> generator, Action<T> property, int tests = 100) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(tests), Prop.ForAll(generator.ToArbitrary(), property));
}
