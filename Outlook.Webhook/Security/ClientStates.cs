using System.Security.Cryptography;
using System.Text;

namespace Outlook.Webhook.Security;

internal static class ClientStates
{
    /// <summary>
    /// Compares a received clientState with the stored one in constant time. Both are hashed
    /// first so that neither the time taken nor an early length mismatch reveals anything.
    /// </summary>
    public static bool AreEqual(string? received, string expected)
    {
        if (received is null)
        {
            return false;
        }

        var receivedHash = SHA256.HashData(Encoding.UTF8.GetBytes(received));
        var expectedHash = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(receivedHash, expectedHash);
    }
}
