using System.Diagnostics.CodeAnalysis;

namespace GridMeter.Testing;

/// <summary>
/// Finds the outside programs that interop tests run against (mosquitto, python3, chromium, postgres).
/// The test command installs them; a developer without them sees the test skipped, while CI
/// (CI=true) fails it, so a missing dependency can never pass silently.
/// </summary>
public static class ExternalTool
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The full path of <paramref name="program"/>, or the test is skipped (failed under CI).</summary>
    public static string Require(string program, params string[] candidates)
    {
        var path = Find(program, candidates);
        if (path is null)
        {
            Unavailable($"'{program}' is not installed; run build/test.sh, which installs it");
        }
        return path;
    }

    public static string? Find(string program, params string[] candidates)
    {
        foreach (var candidate in candidates.Append(program))
        {
            if (Path.IsPathRooted(candidate))
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }
                continue;
            }
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                var full = Path.Combine(dir, candidate);
                if (File.Exists(full))
                {
                    return full;
                }
            }
        }
        return null;
    }

    /// <summary>Skips the current test, or fails it when running in CI.</summary>
    [DoesNotReturn]
    public static void Unavailable(string why)
    {
        if (IsCi)
        {
            Assert.Fail($"{why} (CI=true: required dependencies must be present)");
        }
        Assert.Skip(why);
        throw new InvalidOperationException("unreachable");
    }
}
