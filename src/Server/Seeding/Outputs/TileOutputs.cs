using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Seeding.Outputs;

/// <summary>
/// The <c>--output</c> targets of a seed run, each chosen by its name: <c>*.mbtiles</c> an MBTiles 1.3 file,
/// <c>*.pmtiles</c> a PMTiles 3 archive (both Web Mercator XYZ tile sets, so only for WebMercatorQuad), anything else a
/// <c>z/x/y.ext</c> folder tree.
/// </summary>
internal sealed class TileOutputs : IAsyncDisposable
{
    private readonly List<ITileOutput> _outputs;

    private TileOutputs(List<ITileOutput> outputs) => _outputs = outputs;

    public IReadOnlyList<ITileOutput> All => _outputs;

    /// <summary>Checks every path first, then opens them all (an MBTiles file is created, a PMTiles archive is built aside).</summary>
    public static TileOutputs Open(IReadOnlyList<string> paths, TileMatrixSet set, ImageFormat format)
    {
        foreach (var path in paths)
            if (IsArchive(path) && !string.Equals(set.Id, "WebMercatorQuad", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"--output {path}: MBTiles and PMTiles hold Web Mercator XYZ tiles only; seed --tms WebMercatorQuad, or a folder, for {set.Id}");
        var outputs = new List<ITileOutput>();
        try
        {
            foreach (var path in paths)
                outputs.Add(OpenOne(path, format));
            return new TileOutputs(outputs);
        }
        catch
        {
            foreach (var output in outputs)
                output.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>True when every output has the tile (and there is at least one output).</summary>
    public async ValueTask<bool> ContainAsync(TileAddress tile, CancellationToken cancellation)
    {
        foreach (var output in _outputs)
            if (!await output.ContainsAsync(tile, cancellation))
                return false;
        return _outputs.Count > 0;
    }

    public async ValueTask WriteAsync(TileAddress tile, byte[] bytes, CancellationToken cancellation)
    {
        foreach (var output in _outputs)
            await output.WriteAsync(tile, bytes, cancellation);
    }

    public async Task<IReadOnlyList<string>> CompleteAsync(TileSetInfo info, CancellationToken cancellation)
    {
        var lines = new List<string>();
        foreach (var output in _outputs)
            lines.Add(await output.CompleteAsync(info, cancellation));
        return lines;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var output in _outputs)
            await output.DisposeAsync();
    }

    private static bool IsArchive(string path) =>
        path.EndsWith(".mbtiles", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pmtiles", StringComparison.OrdinalIgnoreCase);

    private static ITileOutput OpenOne(string path, ImageFormat format)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (full.EndsWith(".mbtiles", StringComparison.OrdinalIgnoreCase))
            return MbTilesOutput.Open(full);
        if (full.EndsWith(".pmtiles", StringComparison.OrdinalIgnoreCase))
            return PmTilesOutput.Create(full, format);
        return new DirectoryOutput(full, format);
    }
}
