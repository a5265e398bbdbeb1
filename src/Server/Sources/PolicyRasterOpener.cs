using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Sources;

/// <summary>The <see cref="IRasterOpener"/> handed to plugins and sources: checks the access policy, then opens with the engine.</summary>
internal sealed class PolicyRasterOpener(IAccessPolicy policy, IRasterOpener engine) : IRasterOpener
{
    public Task<IRasterDataset> OpenAsync(string uri, CancellationToken cancellationToken) =>
        engine.OpenAsync(policy.EnsureAllowed(uri), cancellationToken);
}
