namespace GridMeter.Gateway;

/// <summary>
/// Log lines to standard error, written as they come ("warn: category: message", then the exception):
/// what the console logger's simple format shows, without its options binding, formatter machinery
/// and queue thread, which cost the board about a megabyte and a half for a few lines a day.
/// </summary>
internal sealed class StderrLogger(LogLevel minimum) : ILoggerProvider
{
    private readonly Lock _write = new();
    private readonly LogLevel _minimum = minimum;

    public ILogger CreateLogger(string categoryName) => new Category(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var line = $"{Label(level)}: {category}: {message}{(exception is null ? "" : Environment.NewLine + exception)}";
        lock (_write)
        {
            Console.Error.WriteLine(line);
        }
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class Category(StderrLogger provider, string name) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, name, formatter(state, exception), exception);
            }
        }
    }
}
