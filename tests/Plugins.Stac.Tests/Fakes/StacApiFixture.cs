using OgcTiler.TestSupport.Stac;

namespace OgcTiler.Plugins.Stac.Tests.Fakes;

/// <summary>One loopback STAC API shared by the test classes of the "stac-api" collection.</summary>
public sealed class StacApiFixture : IAsyncLifetime
{
    public LoopbackStacApi Api { get; private set; } = null!;

    public async Task InitializeAsync() => Api = await LoopbackStacApi.StartAsync();

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

[CollectionDefinition("stac-api")]
public sealed class StacApiCollection : ICollectionFixture<StacApiFixture>;
