using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Seeding.Outputs;

/// <summary>A tile of a seed run: matrix (zoom), column and row as the TileMatrixSet counts them (top-left origin).</summary>
internal readonly record struct TileAddress(int Zoom, int Col, int Row);

/// <summary>What a tile archive says about itself: the layer, the picture format, the zooms and the WGS84 box seeded.</summary>
internal sealed record TileSetInfo(string Name, string Title, ImageFormat Format, int MinZoom, int MaxZoom, Bounds Wgs84Bounds);

/// <summary>A place a seed run writes its tiles to besides the tile cache: a folder tree, an MBTiles or a PMTiles file.</summary>
internal interface ITileOutput : IAsyncDisposable
{
    /// <summary>The file or folder written.</summary>
    string Path { get; }

    /// <summary>Whether the tile is stored there already (for <c>--skip-existing</c>).</summary>
    ValueTask<bool> ContainsAsync(TileAddress tile, CancellationToken cancellation);

    /// <summary>Stores a tile; called from several tiles at once.</summary>
    ValueTask WriteAsync(TileAddress tile, byte[] bytes, CancellationToken cancellation);

    /// <summary>Ends the run's writing (metadata, directories); returns a line for the summary.</summary>
    Task<string> CompleteAsync(TileSetInfo info, CancellationToken cancellation);
}
