using StackExchange.Redis;

namespace Outlook.Tests.Common;

/// <summary>A <see cref="RedisServer"/> shared by the tests of one class.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private RedisServer? _server;

    public IConnectionMultiplexer Connection => _server?.Connection
        ?? throw new InvalidOperationException("The Redis server fixture has not started.");

    public async Task InitializeAsync() => _server = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
