using System.Security.Cryptography;
using System.Text;

namespace Outlook.Worker.Normalization;

/// <summary>Event ids derived from a change key, so every delivery of one change gets the same id.</summary>
internal static class EventIds
{
    private const string Namespace = "outlook-event/";

    /// <summary>
    /// Derives a name-based UUID version 8 (RFC 9562, section 5.8) from SHA-256 of the change key:
    /// version 5 would do the same job with SHA-1, which analyzers flag.
    /// </summary>
    public static string FromChangeKey(string changeKey)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(Namespace + changeKey), digest);

        var bytes = digest[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }
}
