using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;

namespace OgcTiler.Plugins.TestPattern;

/// <summary>
/// A world-wide pattern in longitude/latitude, computed per target pixel: b1 a 10° checkerboard (0 or 200), b2 the
/// longitude and b3 the latitude scaled to 0..255. Grids in EPSG:4326/CRS84 and EPSG:3857 are supported.
/// </summary>
internal sealed class TestPatternSource(string id) : IRasterSource
{
    public const double MaxLatitude = 85.0511287798066;
    private const double EarthRadius = 6378137.0;
    private static readonly string[] Names = ["b1", "b2", "b3"];
    private static readonly Bounds World = new(-180, -MaxLatitude, 180, MaxLatitude);

    public string Id { get; } = id;

    public SourceInfo Info { get; } = new(
        "EPSG:4326", World, World, NativeResolution: 360.0 / 4096, Width: 4096, Height: 1935, RasterDataType.UInt8,
        Nodata: null, Names, [new("checkerboard"), new("longitude"), new("latitude")]);

    public Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<string> bands, ReadOptions options, CancellationToken cancellationToken)
    {
        var indexes = bands.Select(BandIndex).ToArray();
        var toDegrees = Projection(grid.Crs);
        var data = RasterData.Create(grid.Width, grid.Height, bands);
        for (var row = 0; row < grid.Height; row++)
        {
            var y = grid.MaxY - (row + 0.5) * grid.ResolutionY;
            for (var col = 0; col < grid.Width; col++)
            {
                var (lon, lat) = toDegrees(grid.MinX + (col + 0.5) * grid.ResolutionX, y);
                if (Math.Abs(lon) > 180 || Math.Abs(lat) > MaxLatitude)
                    continue;
                var pixel = row * grid.Width + col;
                data.Mask[pixel] = 255;
                for (var b = 0; b < indexes.Length; b++)
                    data.Band(b)[pixel] = Value(indexes[b], lon, lat);
            }
        }
        return Task.FromResult(data);
    }

    private static float Value(int band, double lon, double lat) => band switch
    {
        0 => ((int)Math.Floor((lon + 180) / 10) + (int)Math.Floor((lat + 90) / 10)) % 2 == 0 ? 0 : 200,
        1 => (float)Math.Floor((lon + 180) / 360 * 255),
        _ => (float)Math.Floor((lat + MaxLatitude) / (2 * MaxLatitude) * 255),
    };

    private static int BandIndex(string name) => Array.IndexOf(Names, name) is var index and >= 0
        ? index
        : throw new InvalidParameterException("bands", $"testpattern: no band '{name}' (it has b1, b2, b3)");

    private static Func<double, double, (double Lon, double Lat)> Projection(string crs) => crs.ToUpperInvariant() switch
    {
        "EPSG:4326" or "OGC:CRS84" => (x, y) => (x, y),
        "EPSG:3857" => (x, y) => (x / EarthRadius * 180 / Math.PI, Math.Atan(Math.Sinh(y / EarthRadius)) * 180 / Math.PI),
        _ => throw new InvalidParameterException("crs", $"testpattern: CRS '{crs}' is not supported (EPSG:4326, OGC:CRS84, EPSG:3857)"),
    };
}
