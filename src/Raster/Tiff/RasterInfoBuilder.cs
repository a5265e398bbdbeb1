using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Geometry;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Tiff;

/// <summary>Describes a parsed GeoTIFF as a <see cref="RasterInfo"/>, with bounds in its CRS and in WGS 84.</summary>
internal static class RasterInfoBuilder
{
    /// <summary>Points per edge when transforming the outline to WGS 84 (edges curve under reprojection).</summary>
    private const int EdgePoints = 21;

    /// <param name="full">The full-resolution level, whose georeferencing (geotransform or GCP polynomial) gives the bounds.</param>
    public static RasterInfo Build(GeoTiffHeader header, RasterLevel full, CrsDefinition crs, CrsRegistry registry)
    {
        var native = Outline(full, header.Gcps is null ? 2 : EdgePoints);
        var wgs84 = Outline(full, EdgePoints);
        var toWgs84 = registry.CreateTransform(crs, registry.Resolve("EPSG:4326"));
        toWgs84.Transform(wgs84.Xs, wgs84.Ys);
        return new RasterInfo(
            crs.Id,
            header.Transform.ToArray(),
            full.Width,
            full.Height,
            header.Full.DataType!.Value,
            header.Nodata,
            header.Bands,
            header.Levels.Skip(1).Select(l => (l.Width, l.Height)).ToList(),
            full.BlockWidth,
            full.BlockHeight,
            header.HasMask,
            EnvelopeOf(native.Xs, native.Ys),
            EnvelopeOf(wgs84.Xs, wgs84.Ys)) { AreaOfInterest = RasterArea.Of(crs, full) };
    }

    /// <summary>Points along the four edges of the raster, <paramref name="perEdge"/> per edge.</summary>
    private static (double[] Xs, double[] Ys) Outline(RasterLevel level, int perEdge)
    {
        var (width, height) = (level.Width, level.Height);
        var xs = new double[perEdge * 4];
        var ys = new double[perEdge * 4];
        for (var i = 0; i < perEdge; i++)
        {
            var t = (double)i / (perEdge - 1);
            (xs[i], ys[i]) = level.PixelToWorld(t * width, 0);
            (xs[perEdge + i], ys[perEdge + i]) = level.PixelToWorld(t * width, height);
            (xs[2 * perEdge + i], ys[2 * perEdge + i]) = level.PixelToWorld(0, t * height);
            (xs[3 * perEdge + i], ys[3 * perEdge + i]) = level.PixelToWorld(width, t * height);
        }
        return (xs, ys);
    }

    /// <summary>The box of the outline; an inverted infinite box when no point of it transforms.</summary>
    private static Bounds EnvelopeOf(double[] xs, double[] ys) =>
        Envelope.Of(xs, ys) ?? new Bounds(double.PositiveInfinity, double.PositiveInfinity, double.NegativeInfinity, double.NegativeInfinity);
}
