namespace Outlook.Tests.GraphEmulator;

/// <summary>One emulator and one notification receiver shared by a test class.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    internal EmulatorInstance Emulator { get; private set; } = null!;

    internal NotificationReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        Emulator = await EmulatorInstance.StartAsync(null, timeout.Token);
        Receiver = await NotificationReceiver.StartAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
