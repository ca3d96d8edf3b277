namespace Outlook.Webhook.Apis;

/// <summary>Why a whole request was rejected: the HTTP status, a title naming the problem, and the rejected-counter reason.</summary>
internal sealed record RequestProblem(int StatusCode, string Title, string Detail, string Reason);
