using OgcTiler.Abstractions.Errors;
using OgcTiler.Raster.Io;
using OgcTiler.Raster.Tiff;

namespace OgcTiler.Raster.Tests.Tiff;

/// <summary>
/// When the <c>.msk</c> probe goes out: as soon as the IFD chain shows no internal mask, alongside the reads of the
/// header's values, so a header larger than the first read costs no extra round trip for it; a file with an internal
/// mask is never probed (GDAL's GTiff driver asks <c>GDALDefaultOverviews::HaveMaskFile</c> only without one).
/// cog_overviews_u16.tif (no mask) has its IFD chain in the first 1090 bytes and its tile tables after them;
/// cog_mask_u16.tif has an internal mask.
/// </summary>
public sealed class SidecarProbeTests
{
    [Fact]
    public async Task HeaderLargerThanTheFirstRead_NoInternalMask_ProbesTheMskWhileTheValuesAreRead()
    {
        var file = new HeldAfterFirstRead(FileRangeReader.Open(TiffFixtures.PathOf("cog_overviews_u16.tif")));
        var probe = new MissingFile("cog_overviews_u16.tif.msk");
        var sidecars = new Sidecars(suffix => suffix == Sidecars.Mask ? probe : null, 1090);

        var open = GeoTiffHeader.ReadAsync(file, 1090, sidecars, CancellationToken.None);
        await file.Held.Task;   // the second read of the header (its tile tables) is under way

        Assert.Equal(1, probe.Reads);
        file.Release.SetResult();
        var header = await open;
        Assert.Equal(2, file.Reads);
        Assert.All(header.Masks, m => Assert.Null(m));
        Assert.Equal(4, header.Levels.Count);
    }

    [Fact]
    public async Task HeaderLargerThanTheFirstRead_InternalMask_NoProbe()
    {
        var file = new HeldAfterFirstRead(FileRangeReader.Open(TiffFixtures.PathOf("cog_mask_u16.tif")));
        var asked = new List<string>();
        var sidecars = new Sidecars(suffix => { asked.Add(suffix); return null; }, 1024);

        var open = GeoTiffHeader.ReadAsync(file, 1024, sidecars, CancellationToken.None);
        await file.Held.Task;
        file.Release.SetResult();
        var header = await open;

        Assert.DoesNotContain(Sidecars.Mask, asked);
        Assert.NotNull(header.Masks[0]);
    }

    /// <summary>Lets the first read through and holds the later ones until <see cref="Release"/> is set.</summary>
    private sealed class HeldAfterFirstRead(IRangeReader inner) : IRangeReader
    {
        private int _reads;

        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Reads => Volatile.Read(ref _reads);

        public string Uri => inner.Uri;

        public long? Length => inner.Length;

        public string Version => inner.Version;

        public string? CompressedCacheIdentity => inner.CompressedCacheIdentity;

        public async ValueTask<int> ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _reads) > 1)
            {
                Held.TrySetResult();
                await Release.Task.WaitAsync(cancellationToken);
            }
            return await inner.ReadAsync(offset, destination, cancellationToken);
        }
    }

    /// <summary>A sidecar that is not there, as a 404 answers it.</summary>
    private sealed class MissingFile(string uri) : IRangeReader
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public string Uri => uri;

        public long? Length => null;

        public string Version => "";

        public string? CompressedCacheIdentity => null;

        public ValueTask<int> ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            throw new ResourceNotFoundException($"not found: {uri} (HTTP 404)");
        }
    }
}
