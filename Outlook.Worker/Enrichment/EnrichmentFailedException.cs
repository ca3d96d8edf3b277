namespace Outlook.Worker.Enrichment;

/// <summary>A message fetch that failed for good (retries exhausted or a non-retryable status); the record is dead-lettered.</summary>
internal sealed class EnrichmentFailedException(string message, Exception? inner = null) : Exception(message, inner);
