namespace Outlook.Tests.Common;

internal static class Polling
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>Reads a value every 250 ms until <paramref name="done"/> accepts it or the token is cancelled.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, CancellationToken cancellationToken)
    {
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            await Task.Delay(Interval, cancellationToken);
        }
    }
}
