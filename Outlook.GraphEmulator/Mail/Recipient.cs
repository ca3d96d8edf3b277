namespace Outlook.GraphEmulator.Mail;

/// <summary>A Graph recipient: an e-mail address and its display name.</summary>
public sealed record Recipient(string Name, string Address)
{
    /// <summary>Creates a recipient whose display name is derived from the local part of the address.</summary>
    public static Recipient FromAddress(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        var local = at > 0 ? address[..at] : address;
        return new Recipient(local, address);
    }
}
