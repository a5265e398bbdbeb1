using System.Collections.Concurrent;
using OgcTiler.Abstractions.Errors;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace OgcTiler.Raster.Crs;

/// <summary>
/// Resolves CRS identifiers (EPSG:n, urn:ogc:def:crs:EPSG::n, http://www.opengis.net/def/crs/EPSG/0/n, CRS:84,
/// OGC CRS84 URIs) and creates transforms between them.
/// </summary>
public sealed class CrsRegistry
{
    private readonly ConcurrentDictionary<(string, string), CoordinateTransform> _transforms = new();
    private readonly CoordinateTransformationFactory _factory = new();

    public static CrsRegistry Default { get; } = new();

    public CrsDefinition Resolve(string identifier) =>
        TryResolve(identifier, out var crs)
            ? crs
            : throw new InvalidParameterException("crs", $"unknown CRS '{identifier}'");

    public bool TryResolve(string identifier, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CrsDefinition? crs)
    {
        crs = null;
        var id = identifier.Trim();
        if (id.Equals("CRS:84", StringComparison.OrdinalIgnoreCase) || id.EndsWith("CRS84", StringComparison.OrdinalIgnoreCase))
        {
            crs = new CrsDefinition("OGC:CRS84", null, "WGS 84 (CRS84)", true, false, GeographicCoordinateSystem.WGS84);
            return true;
        }
        var colon = id.LastIndexOfAny([':', '/']);
        if (colon < 0 || !int.TryParse(id.AsSpan(colon + 1), out var code))
            return false;
        crs = code switch
        {
            4326 => new CrsDefinition("EPSG:4326", 4326, "WGS 84", true, true, GeographicCoordinateSystem.WGS84),
            3857 => new CrsDefinition("EPSG:3857", 3857, "WGS 84 / Pseudo-Mercator", false, false, ProjectedCoordinateSystem.WebMercator),
            >= 32601 and <= 32660 => new CrsDefinition($"EPSG:{code}", code, $"WGS 84 / UTM zone {code - 32600}N", false, false, ProjectedCoordinateSystem.WGS84_UTM(code - 32600, true)),
            >= 32701 and <= 32760 => new CrsDefinition($"EPSG:{code}", code, $"WGS 84 / UTM zone {code - 32700}S", false, false, ProjectedCoordinateSystem.WGS84_UTM(code - 32700, false)),
            _ => null,
        };
        return crs is not null;
    }

    public CoordinateTransform CreateTransform(CrsDefinition source, CrsDefinition target) =>
        _transforms.GetOrAdd((source.Id, target.Id), _ =>
            source.Id == target.Id || (source.IsGeographic && target.IsGeographic)
                ? new CoordinateTransform(source, target, null)
                : new CoordinateTransform(source, target, _factory.CreateFromCoordinateSystems(source.CoordinateSystem, target.CoordinateSystem).MathTransform));
}
