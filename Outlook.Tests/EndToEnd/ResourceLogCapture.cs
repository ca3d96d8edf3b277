using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Outlook.Tests.EndToEnd;

/// <summary>
/// Keeps every console line the AppHost forwards from its resources; the testing host logs
/// them under the category "{AppHost assembly}.Resources.{resource name}".
/// </summary>
public sealed class ResourceLogCapture : ILoggerProvider
{
    private const string Marker = ".Resources.";

    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName)
    {
        var at = categoryName.IndexOf(Marker, StringComparison.Ordinal);
        return at < 0 ? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance : new LineLogger(categoryName[(at + Marker.Length)..], _lines);
    }

    public void Dispose()
    {
    }

    private sealed class LineLogger(string resource, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{resource}: {formatter(state, exception)}");
    }
}
