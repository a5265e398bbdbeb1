using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs.Projections;
using OgcTiler.Raster.Crs.Text;
using ProjNet.CoordinateSystems;

namespace OgcTiler.Raster.Crs;

/// <summary>
/// Resolves CRS identifiers (EPSG:n, urn:ogc:def:crs:EPSG::n, http://www.opengis.net/def/crs/EPSG/0/n, CRS:84,
/// OGC CRS84 URIs) against the EPSG table generated into config/crs, and creates transforms between them.
/// </summary>
public sealed class CrsRegistry
{
    /// <summary>Codes that are Web Mercator under another name.</summary>
    private static readonly Dictionary<int, int> Aliases = new() { [900913] = 3857, [3785] = 3857, [102100] = 3857, [102113] = 3857 };

    private readonly ConcurrentDictionary<(string, string), CoordinateTransform> _transforms = new();

    /// <summary>The transforms of each opened raster, kept while its area (so the raster) lives.</summary>
    private readonly ConditionalWeakTable<AreaOfInterest, ConcurrentDictionary<(string, string), CoordinateTransform>> _byArea = new();
    private readonly ConcurrentDictionary<int, CrsDefinition> _definitions = new();
    private readonly ConcurrentDictionary<string, CrsDefinition> _userDefined = new();
    private readonly ConcurrentDictionary<string, CrsDefinition> _userDefinedByWkt = new();

    /// <summary>CRS texts already resolved, up to <see cref="MaxTexts"/> (clients choose them; more are parsed each time).</summary>
    private readonly ConcurrentDictionary<string, CrsDefinition> _byText = new();
    private const int MaxTexts = 1024;

    /// <summary>User-defined CRSs a client's text may add (datasets' own are always registered): they stay for the process.</summary>
    private const int MaxUserDefined = 4096;
    private readonly EpsgTable _table;
    private readonly Lazy<IReadOnlyList<CrsDefinition>> _all;

    internal CrsRegistry(EpsgTable table)
    {
        ProjectionSetup.EnsureRegistered();
        _table = table;
        _all = new Lazy<IReadOnlyList<CrsDefinition>>(() => [Crs84, .. _table.Rows.Select(r => Get(r.Code)!)]);
    }

    public static CrsRegistry Default { get; } = new(EpsgTable.Embedded);

    /// <summary>OGC CRS84: WGS 84 with longitude first.</summary>
    public static CrsDefinition Crs84 { get; } = new("OGC:CRS84", null, "WGS 84 (CRS84)", true, false, GeographicCoordinateSystem.WGS84)
    {
        AreaOfUse = new Bounds(-180, -90, 180, 90),
    };

    /// <summary>Every CRS the registry knows: CRS84 first, then EPSG codes ascending. Parses every definition on first use.</summary>
    public IReadOnlyList<CrsDefinition> All => _all.Value;

    public CrsDefinition Resolve(string identifier) =>
        TryResolve(identifier, out var crs, out var error)
            ? crs
            : throw new InvalidParameterException("crs", error ?? $"unknown or unsupported CRS '{identifier}' (expected e.g. EPSG:4326, urn:ogc:def:crs:EPSG::3857, http://www.opengis.net/def/crs/EPSG/0/32631, CRS:84, a WKT or a PROJ string)");

    public bool TryResolve(string identifier, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CrsDefinition? crs) =>
        TryResolve(identifier, out crs, out _);

    /// <summary>
    /// Also resolves a CRS given as text (OGC or ESRI WKT1, WKT2, a PROJ string): the EPSG CRS its root names, else a
    /// user-defined CRS; <paramref name="error"/> says why a text is refused.
    /// </summary>
    public bool TryResolve(string identifier, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CrsDefinition? crs, out string? error)
    {
        error = null;
        if (_userDefined.TryGetValue(identifier, out crs) || _byText.TryGetValue(identifier, out crs))
            return true;
        if (CrsTextParser.LooksLikeText(identifier))
            return TryResolveText(identifier, out crs, out error);
        if (!CrsIdentifier.TryParse(identifier, out var epsg))
            return false;
        crs = epsg is { } code ? Get(code) : Crs84;
        return crs is not null;
    }

    /// <summary>A CRS text a dataset carries (a GeoTIFF citation): resolved like a client's, without the bound on their number.</summary>
    internal bool TryResolveDatasetText(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CrsDefinition? crs, out string? error)
    {
        error = null;
        return _byText.TryGetValue(text, out crs) || TryResolveText(text, out crs, out error, bounded: false);
    }

    private bool TryResolveText(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CrsDefinition? crs, out string? error, bool bounded = true)
    {
        crs = null;
        try
        {
            var (epsg, wkt) = CrsTextParser.Parse(text, this);
            if (bounded && epsg is null && _userDefined.Count >= MaxUserDefined && !_userDefinedByWkt.ContainsKey(wkt!))
                throw new FormatException($"more than {MaxUserDefined} distinct user-defined CRSs are in use");
            crs = epsg is { } code ? Get(code) : RegisterUserDefined(wkt!);
            error = crs is null ? $"the CRS text names EPSG:{epsg}, which is not supported" : null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            error = $"the CRS text cannot be used: {e.Message}";
        }
        if (crs is not null && _byText.Count < MaxTexts)
            _byText.TryAdd(text, crs);
        return crs is not null;
    }

    /// <summary>The EPSG code of the WGS 84 UTM zones (326zz north, 327zz south) a longitude/latitude box touches.</summary>
    public static IReadOnlyList<int> UtmZonesFor(Bounds wgs84)
    {
        var first = wgs84.Width >= 360 ? 1 : Zone(wgs84.MinX);
        var last = wgs84.Width >= 360 ? 60 : Zone(wgs84.MaxX);
        var zones = new List<int>();
        foreach (var hemisphere in (ReadOnlySpan<int>)[32600, 32700])
        {
            if ((hemisphere == 32600 && wgs84.MaxY < 0) || (hemisphere == 32700 && wgs84.MinY >= 0))
                continue;
            for (var z = first; z <= last; z++)
                zones.Add(hemisphere + z);
        }
        return zones;

        static int Zone(double lon) => Math.Clamp((int)Math.Floor((lon + 180) / 6) + 1, 1, 60);
    }

    /// <summary>
    /// A raster's transform: its datum operation is the one PROJ uses for the raster's <paramref name="area"/>, as
    /// gdalwarp gets it (GDALCreateGenImgProjTransformer2 passes the raster's corners, so PROJ takes one operation for
    /// the whole raster where cs2cs chooses per point: EPSG:29874 gets Timbalai 1948 to WGS 84 (4), 5 m, over its area
    /// instead of (1), 19 m). Made once per area and pair, and kept while the area lives (as long as the raster); the
    /// warper and the grids of the raster's bounds share it. Null: as <see cref="CreateTransform(CrsDefinition, CrsDefinition)"/>.
    /// </summary>
    public CoordinateTransform CreateTransform(CrsDefinition source, CrsDefinition target, AreaOfInterest? area) =>
        area is null || source.Id == target.Id
            ? CreateTransform(source, target)
            : _byArea.GetValue(area, _ => new()).GetOrAdd((source.Id, target.Id), _ => BuildTransform(source, target, area.Degrees));

    /// <summary>
    /// A transform whose datum operation is the one PROJ uses for <paramref name="areaOfInterest"/> (degrees, see
    /// <see cref="TransformBuilder.AreaOfInterest"/>), built anew each call.
    /// </summary>
    internal static CoordinateTransform BuildTransform(CrsDefinition source, CrsDefinition target, Bounds areaOfInterest) =>
        new(source, target, TransformBuilder.Build(source, target, areaOfInterest));

    /// <summary>Points take the datum operation PROJ's proj_trans chooses for each (cs2cs without an area), cached per pair.</summary>
    public CoordinateTransform CreateTransform(CrsDefinition source, CrsDefinition target) =>
        _transforms.GetOrAdd((source.Id, target.Id), _ =>
            source.Id == target.Id
                ? new CoordinateTransform(source, target, TransformSteps.None)
                : new CoordinateTransform(source, target, TransformBuilder.Build(source, target)));

    /// <summary>
    /// The CRS a WKT1 (built from GeoTIFF user-defined keys) describes, with the EPSG code it is identified as, if any.
    /// It is resolvable afterwards by its <see cref="CrsDefinition.Id"/> ("USER:" and a hash of the WKT), so equal
    /// definitions share one entry. Throws <see cref="ArgumentException"/> when ProjNET cannot parse it.
    /// </summary>
    public CrsDefinition RegisterUserDefined(string wkt) => _userDefinedByWkt.GetOrAdd(wkt, CreateUserDefined);

    /// <summary>The WKT1 of an EPSG geographic CRS of the table, or null.</summary>
    internal string? GeographicWkt(int code) => _table.TryGet(code, out var row) && row.IsGeographic ? row.Wkt : null;

    private CrsDefinition CreateUserDefined(string wkt)
    {
        CoordinateSystem cs;
        try
        {
            cs = new CoordinateSystemFactory().CreateFromWkt(ProjectionSetup.UseOwnProjections(wkt));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ArgumentException($"the CRS cannot be built ({e.Message})", nameof(wkt), e);
        }
        var id = "USER:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(wkt)))[..16];
        var definition = new CrsDefinition(id, null, cs.Name, cs is GeographicCoordinateSystem, false, cs) { Wkt = wkt, IdentifiedAs = EpsgMatcher.Find(_table, wkt) };
        _userDefined[id] = definition;
        return definition;
    }

    private CrsDefinition? Get(int code)
    {
        code = Aliases.GetValueOrDefault(code, code);
        if (_definitions.TryGetValue(code, out var known))
            return known;
        if (!_table.TryGet(code, out var row))
            return null;
        return _definitions.GetOrAdd(code, _ => Create(row));
    }

    private CrsDefinition Create(EpsgRow row)
    {
        var cs = row.Wkt == EpsgRow.WebMercator
            ? ProjectedCoordinateSystem.WebMercator
            : new CoordinateSystemFactory().CreateFromWkt(ProjectionSetup.UseOwnProjections(_table.ExpandWkt(row)));
        return new CrsDefinition($"EPSG:{row.Code}", row.Code, row.Name, row.IsGeographic, row.NorthingFirst, cs)
        {
            AreaOfUse = row.AreaOfUse,
            DatumOperations = row.GeographicCode is { } geographic ? DatumShiftTable.For(geographic) : null,
        };
    }
}
