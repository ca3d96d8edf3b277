namespace Outlook.Worker.Normalization;

/// <summary>A record that can never be processed as it is; its message names what was wrong and becomes the dead-letter reason.</summary>
internal sealed class InvalidRecordException(string message) : Exception(message);
