using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Outlook.GraphEmulator.Graph;

/// <summary>
/// State carried in a delta link. A skip token continues a round: items with a change sequence in
/// (Cursor, UpTo]. A delta token starts the next round from Cursor. Generation ties the token to
/// the emulator's delta generation, so expiring all links is one increment.
/// </summary>
public sealed record DeltaToken(string FolderId, long Cursor, long UpTo, bool Initial, int Generation, string? Select)
{
    public string Encode() => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(this));

    public static DeltaToken? TryDecode(string value)
    {
        try
        {
            return JsonSerializer.Deserialize<DeltaToken>(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(value)));
        }
        catch (Exception exception) when (exception is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }
}
