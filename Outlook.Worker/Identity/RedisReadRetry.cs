using Outlook.Worker.Telemetry;
using Polly;
using Polly.Retry;
using StackExchange.Redis;

namespace Outlook.Worker.Identity;

/// <summary>
/// Retries the Redis reads every record needs while Redis is unreachable, until it responds or the
/// worker stops. An outage affects every record alike, so dead-lettering them would lose good data.
/// </summary>
internal sealed class RedisReadRetry
{
    private readonly ResiliencePipeline _pipeline;

    public RedisReadRetry(ILogger<RedisReadRetry> logger, TimeProvider? time = null)
    {
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RedisConnectionException>().Handle<RedisTimeoutException>(),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(5),
                MaxRetryAttempts = int.MaxValue,
                OnRetry = arguments =>
                {
                    // One line per read that starts waiting, not one per attempt.
                    if (arguments.AttemptNumber == 0)
                    {
                        WorkerLog.RedisReadRetrying(logger, arguments.Outcome.Exception!);
                    }

                    return default;
                },
            })
            .Build();
    }

    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> read, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(read, cancellationToken);
}
