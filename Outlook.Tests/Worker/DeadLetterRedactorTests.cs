using System.Text;
using Outlook.Worker.Processing;

namespace Outlook.Tests.Worker;

public sealed class DeadLetterRedactorTests
{
    [Fact]
    public void Redactor_NestedContent_IsRemovedAtEveryDepth()
    {
        var value = Encoding.UTF8.GetBytes("""
            {"kind":"message","resourceData":{"id":"m1","subject":"CANARY-SUBJECT","Body":{"content":"CANARY-BODY"},
             "bodyPreview":"CANARY-PREVIEW","attachments":[{"name":"CANARY-ATTACHMENT"}],
             "toRecipients":[{"emailAddress":{"address":"a@example.com"},"uniqueBody":"CANARY-UNIQUE"}]}}
            """);

        var redacted = Encoding.UTF8.GetString(DeadLetterRedactor.Redact(value));

        Assert.DoesNotContain("CANARY", redacted, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"m1\"", redacted, StringComparison.Ordinal);
        Assert.Contains("a@example.com", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redactor_NoContent_KeepsBytesUnchanged()
    {
        var value = Encoding.UTF8.GetBytes("""{ "kind": "message", "resourceId": "m1" }""");

        Assert.Same(value, DeadLetterRedactor.Redact(value));
    }

    [Fact]
    public void Redactor_NotJson_KeepsBytesUnchanged()
    {
        var value = Encoding.UTF8.GetBytes("{ not json");

        Assert.Same(value, DeadLetterRedactor.Redact(value));
    }
}
