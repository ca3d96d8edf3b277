using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Outlook.Contracts;
using Outlook.Worker.Personas.State;
using StackExchange.Redis;

namespace Outlook.Worker.Personas.Hosting;

/// <summary>
/// Stores each persona as a Redis hash of a version, a JSON document and a save stamp. A save
/// succeeds only if the version and stamp are still the ones read, so two consumers briefly
/// owning one partition during a rebalance cannot overwrite each other's updates.
/// </summary>
/// <remarks>
/// The last saved state of up to <c>cacheSize</c> personas stays in memory, so the next event of
/// the same user skips reading and parsing the document. A load takes the entry out of the cache
/// and a successful save puts it back. A state that failed to apply or to save is therefore never
/// reused, and a copy made stale by another writer fails its versioned save and is read again.
/// </remarks>
internal sealed class PersonaStore(IConnectionMultiplexer redis, int cacheSize = PersonaStore.DefaultCacheSize) : IDisposable
{
    public const int DefaultCacheSize = 2000;

    private const string VersionField = "version";
    private const string DocumentField = "state";

    // A deleted key restarts its version at 1, so a cached copy at the same version could
    // overwrite another writer's update. A random stamp written by each save distinguishes the two writes.
    private const string StampField = "stamp";

    private readonly MemoryCache? _cache = cacheSize > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = cacheSize }) : null;

    public async Task<StoredPersona> LoadAsync(string tuid, CancellationToken cancellationToken)
    {
        // StackExchange.Redis takes no CancellationToken; its own timeouts bound each call.
        cancellationToken.ThrowIfCancellationRequested();
        if (_cache is not null && _cache.TryGetValue(tuid, out CachedPersona? cached) && cached?.Take() is { } persona)
        {
            _cache.Remove(tuid);
            return persona;
        }

        var values = await redis.GetDatabase().HashGetAsync(RedisKeys.Persona(tuid), [VersionField, DocumentField, StampField]);
        if (values[0].IsNull || values[1].IsNull)
        {
            return new StoredPersona(new PersonaState { Tuid = tuid }, 0);
        }

        var state = JsonSerializer.Deserialize((byte[])values[1]!, PersonaJsonContext.Default.PersonaState)
            ?? throw new InvalidDataException($"The persona document of TUID {tuid} in Redis is JSON null.");
        return new StoredPersona(state, (long)values[0], (string?)values[2]);
    }

    /// <summary>
    /// Writes the persona if no other writer saved it since it was loaded, and returns false on a conflict.
    /// After a successful save the store keeps the state, so the caller must not change it.
    /// </summary>
    public async Task<bool> TrySaveAsync(StoredPersona persona, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = RedisKeys.Persona(persona.State.Tuid);
        var document = JsonSerializer.SerializeToUtf8Bytes(persona.State, PersonaJsonContext.Default.PersonaState);

        var transaction = redis.GetDatabase().CreateTransaction();
        transaction.AddCondition(persona.Version == 0
            ? Condition.HashNotExists(key, VersionField)
            : Condition.HashEqual(key, VersionField, persona.Version));
        if (persona.Stamp is not null)
        {
            transaction.AddCondition(Condition.HashEqual(key, StampField, persona.Stamp));
        }

        var stamp = Guid.NewGuid().ToString("N");
        _ = transaction.HashSetAsync(key, [new(VersionField, persona.Version + 1), new(DocumentField, document), new(StampField, stamp)]);
        if (!await transaction.ExecuteAsync())
        {
            return false;
        }

        _cache?.Set(persona.State.Tuid, new CachedPersona(persona with { Version = persona.Version + 1, Stamp = stamp }), new MemoryCacheEntryOptions { Size = 1 });
        return true;
    }

    public void Dispose() => _cache?.Dispose();

    /// <summary>A cache entry that only one load can take, so two loads never share one state.</summary>
    private sealed class CachedPersona(StoredPersona persona)
    {
        private StoredPersona? _persona = persona;

        public StoredPersona? Take() => Interlocked.Exchange(ref _persona, null);
    }
}
