using System.Globalization;

namespace Outlook.Benchmarks;

/// <summary>Command-line options of the form --name value, read with a default when absent.</summary>
internal sealed class BenchmarkOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public BenchmarkOptions(IEnumerable<string> arguments)
    {
        using var enumerator = arguments.GetEnumerator();
        while (enumerator.MoveNext())
        {
            var name = enumerator.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal) || !enumerator.MoveNext())
            {
                throw new ArgumentException($"Invalid option '{name}': options take the form --name value.");
            }

            _values[name[2..]] = enumerator.Current;
        }
    }

    public double Number(string name, double fallback) =>
        _values.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public int Integer(string name, int fallback) => (int)Number(name, fallback);

    public TimeSpan Seconds(string name, double fallback) => TimeSpan.FromSeconds(Number(name, fallback));

    public string Text(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public List<double> Numbers(string name, string fallback) =>
        [.. Text(name, fallback).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(value => double.Parse(value, CultureInfo.InvariantCulture))];
}
