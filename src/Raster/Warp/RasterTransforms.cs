using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;

namespace OgcTiler.Raster.Warp;

/// <summary>
/// An opened raster's transforms to and from the CRSs it is warped to, with the datum operation gdalwarp uses for it:
/// GDALCreateGenImgProjTransformer2 passes the raster's corners as the area of interest (GDALComputeAreaOfInterest),
/// so PROJ takes one operation for the whole raster where cs2cs chooses per point (EPSG:29874 gets Timbalai 1948 to
/// WGS 84 (4), 5 m, over its area instead of (1), 19 m). The area is computed once per raster and each transform once
/// per target CRS, never per read; a raster georeferenced by GCPs has no area, as in GDAL.
/// </summary>
internal sealed class RasterTransforms
{
    private static readonly ConditionalWeakTable<IBlockedRaster, RasterTransforms> ByRaster = new();

    private readonly CrsRegistry _registry;
    private readonly CrsDefinition _crs;
    private readonly ConcurrentDictionary<string, (CoordinateTransform ToTarget, CoordinateTransform ToRaster)> _byTarget = new();

    private RasterTransforms(CrsRegistry registry, CrsDefinition crs, Bounds? areaOfInterest)
    {
        _registry = registry;
        _crs = crs;
        AreaOfInterest = areaOfInterest;
    }

    /// <summary>The raster's corners in its geographic CRS, degrees (see <see cref="TransformBuilder.AreaOfInterest"/>).</summary>
    public Bounds? AreaOfInterest { get; }

    /// <summary>The transforms of <paramref name="raster"/>, made on its first read and kept while the raster lives.</summary>
    public static RasterTransforms Of(IBlockedRaster raster, CrsRegistry registry) =>
        ByRaster.GetValue(raster, r => new RasterTransforms(registry, r.Crs, AreaOf(r.Crs, r.Levels[0])));

    /// <summary>Raster CRS to <paramref name="target"/> and back, with the raster's datum operation.</summary>
    public (CoordinateTransform ToTarget, CoordinateTransform ToRaster) With(CrsDefinition target) =>
        _byTarget.GetOrAdd(target.Id, _ => (_registry.CreateTransform(_crs, target, AreaOfInterest), _registry.CreateTransform(target, _crs, AreaOfInterest)));

    /// <summary>GDAL's corners: the origin and the origin plus width·Dx and height·Dy (the rotation terms left out, as GDAL does).</summary>
    private static Bounds? AreaOf(CrsDefinition crs, RasterLevel full)
    {
        if (full.Gcps is not null)
            return null;
        var t = full.Transform;
        var (right, bottom) = (t.X0 + full.Width * t.Dx, t.Y0 + full.Height * t.Dy);
        Span<double> xs = [t.X0, right, t.X0, right];
        Span<double> ys = [t.Y0, t.Y0, bottom, bottom];
        return TransformBuilder.AreaOfInterest(crs, xs, ys);
    }
}
