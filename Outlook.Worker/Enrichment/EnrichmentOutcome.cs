using Outlook.Worker.Normalization;

namespace Outlook.Worker.Enrichment;

/// <summary>The fetched metadata of a message, or <see cref="NotFound"/> when Graph returned 404.</summary>
internal sealed record EnrichmentOutcome(MessageMetadata? Metadata, bool NotFound)
{
    public static EnrichmentOutcome Found(MessageMetadata metadata) => new(metadata, false);

    public static EnrichmentOutcome Missing { get; } = new(null, true);
}
