using System.Text.Json;
using Outlook.Contracts;
using Outlook.Worker.Personas.State;
using StackExchange.Redis;

namespace Outlook.Worker.Personas.Hosting;

/// <summary>
/// Stores each persona as a Redis hash of a version and a JSON document. A save succeeds only if
/// the version is still the one read, so two consumers briefly owning one partition during a
/// rebalance cannot overwrite each other's updates.
/// </summary>
internal sealed class PersonaStore(IConnectionMultiplexer redis)
{
    private const string VersionField = "version";
    private const string DocumentField = "state";

    public async Task<StoredPersona> LoadAsync(string tuid, CancellationToken cancellationToken)
    {
        // StackExchange.Redis takes no CancellationToken; its own timeouts bound each call.
        cancellationToken.ThrowIfCancellationRequested();
        var values = await redis.GetDatabase().HashGetAsync(RedisKeys.Persona(tuid), [VersionField, DocumentField]);
        if (values[0].IsNull || values[1].IsNull)
        {
            return new StoredPersona(new PersonaState { Tuid = tuid }, 0);
        }

        var state = JsonSerializer.Deserialize((byte[])values[1]!, PersonaJsonContext.Default.PersonaState)
            ?? throw new InvalidDataException($"The persona document of TUID {tuid} in Redis is JSON null.");
        return new StoredPersona(state, (long)values[0]);
    }

    /// <summary>Writes the persona if nobody else wrote it since it was loaded; returns false on a conflict.</summary>
    public async Task<bool> TrySaveAsync(StoredPersona persona, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = RedisKeys.Persona(persona.State.Tuid);
        var document = JsonSerializer.SerializeToUtf8Bytes(persona.State, PersonaJsonContext.Default.PersonaState);

        var transaction = redis.GetDatabase().CreateTransaction();
        transaction.AddCondition(persona.Version == 0
            ? Condition.HashNotExists(key, VersionField)
            : Condition.HashEqual(key, VersionField, persona.Version));
        _ = transaction.HashSetAsync(key, [new(VersionField, persona.Version + 1), new(DocumentField, document)]);
        return await transaction.ExecuteAsync();
    }
}
