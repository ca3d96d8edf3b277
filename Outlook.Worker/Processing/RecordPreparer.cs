using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Outlook.Contracts;
using Outlook.ServiceDefaults.Graph;
using Outlook.Worker.Enrichment;
using Outlook.Worker.Identity;
using Outlook.Worker.Normalization;

namespace Outlook.Worker.Processing;

/// <summary>
/// Parses a consumed record and gathers what its event needs: the tenant's settings, the owner's
/// identity and, for a message notification that carries only ids, the message's metadata from Graph.
/// </summary>
internal sealed class RecordPreparer(
    IOptionsMonitor<TenantsOptions> tenants,
    IdentityResolver identities,
    GraphClientProvider graphClients,
    MessageEnricher enricher)
{
    public async Task<PreparedRecord> PrepareAsync(ConsumeResult<string, byte[]> source, CancellationToken cancellationToken)
    {
        try
        {
            return await PrepareCoreAsync(source, cancellationToken);
        }
        catch (JsonException ex)
        {
            return PreparedRecord.Failed(source, "invalid_record", $"The record is not a valid NotificationRecord JSON: {ex.Message}", ex);
        }
        catch (InvalidRecordException ex)
        {
            return PreparedRecord.Failed(source, "invalid_record", ex.Message, ex);
        }
        catch (EnrichmentFailedException ex)
        {
            return PreparedRecord.Failed(source, "enrichment_failed", ex.Message, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Redis errors other than an outage, configuration trouble and bugs: this record goes aside so the records behind it keep flowing.
            return PreparedRecord.Failed(source, "internal_error", $"Preparing the record failed: {ex.GetType().Name}: {ex.Message}", ex);
        }
    }

    private async Task<PreparedRecord> PrepareCoreAsync(ConsumeResult<string, byte[]> source, CancellationToken cancellationToken)
    {
        var record = Parse(source.Message.Value);
        if (record.Kind == RecordKinds.Lifecycle)
        {
            return new PreparedRecord(source) { SkipReason = "lifecycle records are handled by the subscription manager" };
        }

        var tenant = tenants.CurrentValue.Find(record.TenantId);
        if (tenant is null)
        {
            return PreparedRecord.Failed(source, "unknown_tenant", $"Tenant '{record.TenantId}' is not configured under {TenantsOptions.SectionName}:Tenants; add it and replay the record from the dead-letter topic.");
        }

        var context = new TenantContext(tenant.TenantId, tenant.DomainId, new TenantDomains(tenant.InternalDomains));
        var owner = await identities.ResolveAsync(record.TenantId, record.MailboxId, cancellationToken);
        var input = new NormalizationInput(record, context, owner);
        if (NeedsFetch(record) is { } messageId)
        {
            var outcome = await enricher.FetchAsync(graphClients.GetClient(record.TenantId), record.MailboxId, messageId, cancellationToken);
            input = input with { FetchedMetadata = outcome.Metadata, NotFound = outcome.NotFound };
        }

        return new PreparedRecord(source) { Input = input };
    }

    private static NotificationRecord Parse(byte[]? value)
    {
        if (value is null || value.Length == 0)
        {
            throw new InvalidRecordException("The record has no value.");
        }

        var record = JsonSerializer.Deserialize(value, NotificationJsonContext.Default.NotificationRecord)
            ?? throw new InvalidRecordException("The record's value is JSON null.");
        if (string.IsNullOrWhiteSpace(record.TenantId) || string.IsNullOrWhiteSpace(record.MailboxId) || string.IsNullOrWhiteSpace(record.ChangeKey))
        {
            throw new InvalidRecordException("The record is missing tenantId, mailboxId or changeKey.");
        }

        return record;
    }

    /// <summary>Returns the message id to fetch when a message record is not a delete and carries no metadata beyond ids; otherwise null.</summary>
    public static string? NeedsFetch(NotificationRecord record)
    {
        if (record.Kind != RecordKinds.Message || string.Equals(record.ChangeType, "deleted", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var metadata = record.ResourceData is { ValueKind: JsonValueKind.Object } data ? MessageMetadataReader.Read(data) : null;
        if (metadata is { HasContent: true } || metadata?.RemovedReason is not null)
        {
            return null;
        }

        return EventNormalizer.RequireResourceId(record, metadata?.Id);
    }
}
