using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Renewal.E2E.Infrastructure;

/// <summary>
/// Keeps the server's warnings and errors (with their exceptions) so that a failed browser step can say what went wrong
/// on the server: a page that never navigates usually hides a 500 behind the error page.
/// </summary>
public sealed class ServerLog : ILoggerProvider
{
    private readonly ConcurrentQueue<(DateTimeOffset At, string Text)> _entries = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Entries logged at or after <paramref name="since"/>, oldest first.</summary>
    public IReadOnlyList<string> Since(DateTimeOffset since) => [.. _entries.Where(e => e.At >= since).Select(e => e.Text)];

    public void Dispose() { }

    private sealed class Logger(ServerLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var text = $"[{logLevel}] {category}: {formatter(state, exception)}";
            if (exception is not null) text += $"\n  {exception.GetType().Name}: {exception.Message}";
            log._entries.Enqueue((DateTimeOffset.UtcNow, text));
        }
    }
}
