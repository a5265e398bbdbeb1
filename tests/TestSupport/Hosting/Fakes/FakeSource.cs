using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Raster.Crs;

namespace OgcTiler.TestSupport.Hosting.Fakes;

/// <summary>A source covering <see cref="SourceInfo.Wgs84Bounds"/> (its pixels come from <see cref="GridPipeline"/>).</summary>
internal sealed class FakeSource(string id, SourceInfo info) : IRasterSource
{
    public string Id { get; } = id;

    public SourceInfo Info { get; } = info;

    public Task<RasterData> ReadAsync(TargetGrid grid, IReadOnlyList<string> bands, ReadOptions options, CancellationToken cancellationToken) =>
        throw new NotSupportedException("GridPipeline computes pixels itself");

    /// <summary>A UTM 31N source over lon 1.5..2.5, lat 43.5..44.5 (the usual test layer).</summary>
    public static FakeSource Utm31(string id) => Create(id, "EPSG:32631", new Bounds(1.5, 43.5, 2.5, 44.5));

    public static FakeSource Create(string id, string crs, Bounds wgs84)
    {
        var definition = CrsRegistry.Default.Resolve(crs);
        var native = definition.IsGeographic ? wgs84 : Project(wgs84, definition);
        return new FakeSource(id, new SourceInfo(crs, native, wgs84, native.Width / 1000, 1000, 1000, RasterDataType.UInt16, null, ["b1", "b2"], [new BandInfo("lon"), new BandInfo("lat")]));
    }

    private static Bounds Project(Bounds wgs84, CrsDefinition target)
    {
        var t = CrsRegistry.Default.CreateTransform(CrsRegistry.Default.Resolve("CRS:84"), target);
        var (x0, y0) = t.Transform(wgs84.MinX, wgs84.MinY);
        var (x1, y1) = t.Transform(wgs84.MaxX, wgs84.MaxY);
        var (x2, y2) = t.Transform(wgs84.MinX, wgs84.MaxY);
        var (x3, y3) = t.Transform(wgs84.MaxX, wgs84.MinY);
        return new Bounds(Math.Min(x0, x2), Math.Min(y0, y3), Math.Max(x1, x3), Math.Max(y1, y2));
    }
}
