using Outlook.Contracts;
using Outlook.Tests.Common;
using Outlook.Worker.Personas.Hosting;
using Outlook.Worker.Personas.State;

namespace Outlook.Tests.Personas;

public sealed class PersonaStoreTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task PersonaStore_UnknownTuid_ReturnsEmptyPersonaAtVersionZero()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var store = new PersonaStore(redis.Connection);

        var stored = await store.LoadAsync(NewTuid(), timeout.Token);

        Assert.Equal(0, stored.Version);
        Assert.Equal(0, stored.State.EventCount);
    }

    [Fact]
    public async Task PersonaStore_SavedPersona_LoadsWithItsState()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var store = new PersonaStore(redis.Connection);
        var tuid = NewTuid();
        var state = new PersonaState();
        PersonaEvents.Replay(state, PersonaEvents.NineToFive(20));
        state.Tuid = tuid;

        Assert.True(await store.TrySaveAsync(new StoredPersona(state, 0), timeout.Token));
        using var reader = new PersonaStore(redis.Connection);
        var loaded = await reader.LoadAsync(tuid, timeout.Token);

        Assert.Equal(1, loaded.Version);
        Assert.Equal(state.EventCount, loaded.State.EventCount);
        Assert.Equal(state.Hours.Bins, loaded.State.Hours.Bins);
        Assert.Equal(state.Domains.Keys.Order(), loaded.State.Domains.Keys.Order());
        Assert.Equal(state.Daily.Sent.Mean, loaded.State.Daily.Sent.Mean);
    }

    [Fact]
    public async Task PersonaStore_StaleVersion_IsRejected()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var store = new PersonaStore(redis.Connection);
        var tuid = NewTuid();
        Assert.True(await store.TrySaveAsync(new StoredPersona(new PersonaState { Tuid = tuid, EventCount = 1 }, 0), timeout.Token));
        var first = await store.LoadAsync(tuid, timeout.Token);
        var second = await store.LoadAsync(tuid, timeout.Token);

        first.State.EventCount = 2;
        Assert.True(await store.TrySaveAsync(first, timeout.Token));
        second.State.EventCount = 99;
        var saved = await store.TrySaveAsync(second, timeout.Token);

        Assert.False(saved);
        Assert.Equal(2, (await store.LoadAsync(tuid, timeout.Token)).State.EventCount);
    }

    [Fact]
    public async Task PersonaStore_SecondCreate_IsRejected()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var store = new PersonaStore(redis.Connection);
        var tuid = NewTuid();

        Assert.True(await store.TrySaveAsync(new StoredPersona(new PersonaState { Tuid = tuid }, 0), timeout.Token));
        var saved = await store.TrySaveAsync(new StoredPersona(new PersonaState { Tuid = tuid }, 0), timeout.Token);

        Assert.False(saved);
    }

    [Fact]
    public async Task PersonaStore_Document_UsesPersonaKeyAndHoldsNoSubject()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var store = new PersonaStore(redis.Connection);
        var tuid = NewTuid();
        var state = new PersonaState();
        PersonaEvents.Replay(state, PersonaEvents.NineToFive(5));
        state.Tuid = tuid;

        await store.TrySaveAsync(new StoredPersona(state, 0), timeout.Token);
        var document = (string?)await redis.Connection.GetDatabase().HashGetAsync(RedisKeys.Persona(tuid), "state");

        Assert.NotNull(document);
        Assert.DoesNotContain("subject", document, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("partner.example", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersonaStore_StaleCache_RejectsSaveThenReloads()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var store = new PersonaStore(redis.Connection);
        using var otherWriter = new PersonaStore(redis.Connection);
        var tuid = NewTuid();
        Assert.True(await store.TrySaveAsync(new StoredPersona(new PersonaState { Tuid = tuid, EventCount = 1 }, 0), timeout.Token));
        var other = await otherWriter.LoadAsync(tuid, timeout.Token);
        other.State.EventCount = 5;
        Assert.True(await otherWriter.TrySaveAsync(other, timeout.Token));

        var cached = await store.LoadAsync(tuid, timeout.Token);
        cached.State.EventCount = 2;
        var saved = await store.TrySaveAsync(cached, timeout.Token);
        var reloaded = await store.LoadAsync(tuid, timeout.Token);

        Assert.Equal(1, cached.Version);
        Assert.False(saved);
        Assert.Equal(2, reloaded.Version);
        Assert.Equal(5, reloaded.State.EventCount);
    }

    [Fact]
    public async Task PersonaStore_DeletedKey_StartsOver()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var store = new PersonaStore(redis.Connection);
        var tuid = NewTuid();
        Assert.True(await store.TrySaveAsync(new StoredPersona(new PersonaState { Tuid = tuid, EventCount = 3 }, 0), timeout.Token));
        await redis.Connection.GetDatabase().KeyDeleteAsync(RedisKeys.Persona(tuid));

        var cached = await store.LoadAsync(tuid, timeout.Token);
        var saved = await store.TrySaveAsync(cached, timeout.Token);
        var reloaded = await store.LoadAsync(tuid, timeout.Token);

        Assert.False(saved);
        Assert.Equal(0, reloaded.Version);
        Assert.Equal(0, reloaded.State.EventCount);
    }

    [Fact]
    public async Task PersonaStore_RecreatedKey_RejectsCachedSave()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var store = new PersonaStore(redis.Connection);
        using var otherWriter = new PersonaStore(redis.Connection, cacheSize: 0);
        var tuid = NewTuid();
        Assert.True(await store.TrySaveAsync(new StoredPersona(new PersonaState { Tuid = tuid, EventCount = 3 }, 0), timeout.Token));
        await redis.Connection.GetDatabase().KeyDeleteAsync(RedisKeys.Persona(tuid));
        Assert.True(await otherWriter.TrySaveAsync(new StoredPersona(new PersonaState { Tuid = tuid, EventCount = 7 }, 0), timeout.Token));

        var cached = await store.LoadAsync(tuid, timeout.Token);
        cached.State.EventCount = 4;
        var saved = await store.TrySaveAsync(cached, timeout.Token);
        var stored = await otherWriter.LoadAsync(tuid, timeout.Token);

        Assert.False(saved);
        Assert.Equal(7, stored.State.EventCount);
    }

    [Fact]
    public async Task PersonaStore_ConcurrentLoads_ShareNoState()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var store = new PersonaStore(redis.Connection);
        var tuid = NewTuid();
        Assert.True(await store.TrySaveAsync(new StoredPersona(new PersonaState { Tuid = tuid, EventCount = 1 }, 0), timeout.Token));

        var loads = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.LoadAsync(tuid, timeout.Token)));
        var saves = await Task.WhenAll(loads.Select(loaded => store.TrySaveAsync(loaded, timeout.Token)));

        Assert.Equal(loads.Length, loads.Select(loaded => loaded.State).Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Equal(1, saves.Count(saved => saved));
    }

    [Fact]
    public async Task PersonaStore_FailedApply_ReloadsSavedState()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var store = new PersonaStore(redis.Connection);
        var tuid = NewTuid();
        Assert.True(await store.TrySaveAsync(new StoredPersona(new PersonaState { Tuid = tuid, EventCount = 1 }, 0), timeout.Token));

        var failed = await store.LoadAsync(tuid, timeout.Token);
        failed.State.EventCount = 99;
        var next = await store.LoadAsync(tuid, timeout.Token);

        Assert.NotSame(failed.State, next.State);
        Assert.Equal(1, next.State.EventCount);
    }

    [Fact]
    public async Task PersonaStore_CacheSizeOne_KeepsTuidsApart()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var store = new PersonaStore(redis.Connection, cacheSize: 1);
        var tuids = Enumerable.Range(1, 5).Select(_ => NewTuid()).ToArray();
        for (var i = 0; i < tuids.Length; i++)
        {
            Assert.True(await store.TrySaveAsync(new StoredPersona(new PersonaState { Tuid = tuids[i], EventCount = i + 1 }, 0), timeout.Token));
        }

        for (var i = 0; i < tuids.Length; i++)
        {
            var loaded = await store.LoadAsync(tuids[i], timeout.Token);
            Assert.Equal(tuids[i], loaded.State.Tuid);
            Assert.Equal(i + 1, loaded.State.EventCount);
            Assert.Equal(1, loaded.Version);
        }
    }

    [Fact]
    public async Task PersonaStore_CacheOff_ReadsRedisEveryTime()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var store = new PersonaStore(redis.Connection, cacheSize: 0);
        var tuid = NewTuid();
        var state = new PersonaState { Tuid = tuid, EventCount = 4 };
        Assert.True(await store.TrySaveAsync(new StoredPersona(state, 0), timeout.Token));

        var loaded = await store.LoadAsync(tuid, timeout.Token);

        Assert.NotSame(state, loaded.State);
        Assert.Equal(4, loaded.State.EventCount);
    }

    private static string NewTuid() => "tuid-store-" + Guid.NewGuid().ToString("N");
}
