using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Raster.Crs;
using OgcTiler.Server.Api.Grids;

namespace OgcTiler.Server.Api.Sources;

/// <summary>A source whose reads are masked outside a polygon (the feature endpoints); rings are in <paramref name="ringsCrs"/>.</summary>
internal sealed class MaskedSource(IRasterSource inner, GeoJsonFeature feature, string ringsCrs, CrsRegistry crs) : IRasterSource
{
    public string Id => inner.Id + "|feature:" + feature.Json.ToJsonString().GetHashCode();

    public SourceInfo Info => inner.Info;

    public async Task<RasterData> ReadAsync(TargetGrid grid, SourceReadRequest request, CancellationToken cancellationToken)
    {
        var data = await inner.ReadAsync(grid, request, cancellationToken);
        new PolygonMask(RingsIn(grid.Crs)).Apply(grid, data.Mask);
        return data;
    }

    private IReadOnlyList<IReadOnlyList<(double X, double Y)>> RingsIn(string gridCrs)
    {
        var transform = crs.CreateTransform(crs.Resolve(ringsCrs), crs.Resolve(gridCrs));
        if (transform.IsIdentity)
            return feature.Rings;
        return feature.Rings.Select(ring =>
        {
            var xs = ring.Select(p => p.X).ToArray();
            var ys = ring.Select(p => p.Y).ToArray();
            transform.Transform(xs, ys);
            return (IReadOnlyList<(double, double)>)xs.Zip(ys).ToArray();
        }).ToArray();
    }
}
