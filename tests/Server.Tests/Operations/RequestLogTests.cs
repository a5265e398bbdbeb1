using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Logging;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Operations;
using OgcTiler.Server.Rendering.Encoders;

namespace OgcTiler.Server.Tests.Operations;

public sealed class RequestLogTests
{
    private sealed record Entry(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Fields);

    private sealed class Recorder : ILogger<RequestLog>
    {
        public List<Entry> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add(new Entry(logLevel, formatter(state, exception),
                (state as IEnumerable<KeyValuePair<string, object?>> ?? []).ToDictionary(p => p.Key, p => p.Value)));
    }

    private const string Route = "/layers/{id}/tiles/{tms}/{z:int}/{x:int}/{y:int}.{format}";

    private static async Task<Recorder> RunAsync(int slowMs, TimeSpan takes, int status = 200)
    {
        var options = new ServerOptions("/srv", new ServiceOptions("t", null, [], null, null, null, null),
            new SourcesOptions([], [], [], UpstreamOptions.Default), new TileMatrixSetsOptions(null), [],
            new CacheOptions(new TileCacheOptions(true, 1, 0), 1, 0, null), new EncodingOptions(new PngOptions(PngFilter.Up, 1), 85, 75))
        {
            Health = new HealthOptions(SlowRequestMilliseconds: slowMs),
        };
        var recorder = new Recorder();
        var middleware = new RequestLog(async context =>
        {
            await Task.Delay(takes);
            context.Response.StatusCode = status;
        }, options, recorder);
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        http.Request.Path = "/layers/s2/tiles/WebMercatorQuad/1/0/0.png";
        http.Request.QueryString = new QueryString("?style=red");
        http.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse(Route), 0, null, "tile"));
        await middleware.InvokeAsync(http);
        return recorder;
    }

    [Fact]
    public async Task EveryRequest_IsOneInformationLine_WithRouteDoorStatusAndDurationAsFields()
    {
        var entry = Assert.Single((await RunAsync(10_000, TimeSpan.Zero, status: 404)).Entries);

        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.StartsWith($"GET /layers/s2/tiles/WebMercatorQuad/1/0/0.png?style=red (route {Route}, door layers) answered 404 in ", entry.Message);
        Assert.Equal(Route, entry.Fields["Route"]);
        Assert.Equal("layers", entry.Fields["Door"]);
        Assert.Equal(404, entry.Fields["Status"]);
        Assert.IsType<double>(entry.Fields["Milliseconds"]);
    }

    [Fact]
    public async Task RequestAboveTheSlowThreshold_IsAWarningInstead()
    {
        var entry = Assert.Single((await RunAsync(20, TimeSpan.FromMilliseconds(80))).Entries);

        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.StartsWith($"slow request: GET /layers/s2/tiles/WebMercatorQuad/1/0/0.png?style=red (route {Route}, door layers) answered 200 in ", entry.Message);
        Assert.True((double)entry.Fields["Milliseconds"]! >= 20);
    }

    [Fact]
    public async Task SlowThresholdZero_NeverWarns() =>
        Assert.Equal(LogLevel.Information, Assert.Single((await RunAsync(0, TimeSpan.FromMilliseconds(30))).Entries).Level);
}
