using System.Security.Cryptography;
using System.Text;

namespace Outlook.GraphEmulator.Identity;

/// <summary>Derives stable identifiers from names, so the same corpus and seed give the same ids on every run.</summary>
public static class DeterministicIds
{
    /// <summary>Returns a name-based GUID (version 5 layout, SHA-256 instead of SHA-1) for <paramref name="name"/> in <paramref name="scope"/>.</summary>
    public static Guid NameBasedGuid(string scope, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(scope + "\u001f" + name));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>Returns an Exchange-looking item id: a fixed prefix and URL-safe base64 of a hash.</summary>
    public static string ItemId(string prefix, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        return prefix + Convert.ToBase64String(hash.AsSpan(0, 30)).Replace('+', '-').Replace('/', '_');
    }
}
