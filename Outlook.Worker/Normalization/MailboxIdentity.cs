namespace Outlook.Worker.Normalization;

/// <summary>
/// The mailbox owner as events name them. <see cref="Mapped"/> is false when the identity map
/// had no entry, so the TUID is derived and the address is whatever the resource showed.
/// </summary>
internal sealed record MailboxIdentity(string Address, string Tuid, bool Mapped)
{
    /// <summary>The owner's address when it is one (contains '@'), for telling sent mail from received.</summary>
    public string? MailAddress => Address.Contains('@', StringComparison.Ordinal) ? Address : null;
}
