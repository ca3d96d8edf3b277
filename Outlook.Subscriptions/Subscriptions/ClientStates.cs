using System.Buffers.Text;
using System.Security.Cryptography;

namespace Outlook.Subscriptions.Subscriptions;

/// <summary>Random clientState values: the only proof of origin of a basic notification.</summary>
public static class ClientStates
{
    /// <summary>Returns 32 random bytes as base64url: 43 characters, within Graph's limit of 128.</summary>
    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
