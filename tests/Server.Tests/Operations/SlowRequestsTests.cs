using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Rendering.Encoders;
using OgcTiler.Server.Operations;

namespace OgcTiler.Server.Tests.Operations;

public sealed class SlowRequestsTests
{
    private sealed class Recorder : ILogger<SlowRequests>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }

    private static async Task<Recorder> RunAsync(int thresholdMs, TimeSpan takes)
    {
        var options = new ServerOptions("/srv", new ServiceOptions("t", null, [], null, null, null, null),
            new SourcesOptions([], [], [], UpstreamOptions.Default), new TileMatrixSetsOptions(null), [],
            new CacheOptions(new TileCacheOptions(true, 1, 0), 1, null), new EncodingOptions(new PngOptions(PngFilter.Up, 1), 85, 75))
        {
            Health = new HealthOptions(SlowRequestMilliseconds: thresholdMs),
        };
        var recorder = new Recorder();
        var middleware = new SlowRequests(async context =>
        {
            await Task.Delay(takes);
            context.Response.StatusCode = 200;
        }, options, recorder);
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        http.Request.Path = "/layers/s2/tiles/WebMercatorQuad/1/0/0.png";
        await middleware.InvokeAsync(http);
        return recorder;
    }

    [Fact]
    public async Task RequestAboveTheThreshold_IsLoggedWithPathStatusAndDuration()
    {
        var recorder = await RunAsync(20, TimeSpan.FromMilliseconds(80));

        var (level, message) = Assert.Single(recorder.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.StartsWith("slow request: GET /layers/s2/tiles/WebMercatorQuad/1/0/0.png (route (no route)) answered 200 in ", message);
    }

    [Fact]
    public async Task ThresholdZero_LogsNothing() => Assert.Empty((await RunAsync(0, TimeSpan.FromMilliseconds(30))).Entries);

    [Fact]
    public async Task FastRequest_IsNotLogged() => Assert.Empty((await RunAsync(10_000, TimeSpan.Zero)).Entries);
}
