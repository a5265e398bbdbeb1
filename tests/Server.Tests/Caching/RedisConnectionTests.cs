using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using OgcTiler.Server.Caching;
using OgcTiler.Server.Configuration;
using StackExchange.Redis;

namespace OgcTiler.Server.Tests.Caching;

/// <summary>While Redis is down every tile request fails over to memory; the log says so once per interval, not per tile.</summary>
public sealed class RedisConnectionTests
{
    [Fact]
    public void Failures_AreLoggedOncePerInterval_WithTheCountOfTheOnesNotLogged()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20_000));
        var logger = new FakeLogger<RedisConnection>();
        var options = ServerOptionsReader.Read(new ConfigurationBuilder().Build(), "/srv/ogctiler/config/ogctiler.json", []);
        using var redis = new RedisConnection(options, logger, clock);
        var error = new RedisConnectionException(ConnectionFailureType.UnableToConnect, "refused");

        for (var i = 0; i < 5; i++)
            redis.Failed(error);
        clock.Advance(RedisConnection.LogInterval - TimeSpan.FromSeconds(1));
        redis.Failed(error);
        var beforeTheInterval = logger.Collector.Count;
        clock.Advance(TimeSpan.FromSeconds(1));
        redis.Failed(error);

        Assert.Equal(1, beforeTheInterval);
        var records = logger.Collector.GetSnapshot();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(LogLevel.Error, r.Level));
        Assert.Contains("(0 more failures", records[0].Message, StringComparison.Ordinal);
        Assert.Contains("(5 more failures", records[1].Message, StringComparison.Ordinal);
        Assert.Contains("refused", records[1].Message, StringComparison.Ordinal);
    }
}
