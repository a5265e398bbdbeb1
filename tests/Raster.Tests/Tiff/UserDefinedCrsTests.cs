using System.Globalization;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Tiff;
using OgcTiler.TestSupport;

namespace OgcTiler.Raster.Tests.Tiff;

/// <summary>
/// GeoTIFFs with a user-defined CRS (ProjectedCSTypeGeoKey or GeographicTypeGeoKey = 32767), made by
/// tests/data/crs/make_user_defined.sh with GDAL from PROJ strings: pixel corners compared with cs2cs, a WebMercator
/// read compared with gdalwarp's output to the same grid, the CRS identified as rasterio's CRS.to_epsg() does.
/// </summary>
public sealed class UserDefinedCrsTests
{
    private static readonly string[][] Corners = Rows("user_defined.tsv");

    private static readonly Dictionary<string, string> Identified = Rows("identified.tsv").ToDictionary(r => r[0], r => r.Length > 1 ? r[1] : "");

    /// <summary>
    /// Where OgcTiler's identification differs from PROJ's: on a GRS80 ellipsoid with no datum, PROJ names none of the
    /// EPSG "LAEA Europe" CRSs (only IGNF:ETRS89LAEA); OgcTiler names the first one not on the ETRS89 ensemble, from
    /// the keys as from the ESRI PE string.
    /// </summary>
    private static readonly Dictionary<string, int> KnownDifferences = new() { ["laea_grs80"] = 5633, ["laea_esri_pe"] = 5633 };

    public static TheoryData<string> Names => [.. Identified.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Open_UserDefinedCrs_PixelCornersMatchCs2cs(string name)
    {
        var dataset = await OpenAsync(name + ".tif");
        var registry = CrsRegistry.Default;
        var toWgs84 = registry.CreateTransform(registry.Resolve(dataset.Info.Crs), registry.Resolve("EPSG:4326"));
        var fromWgs84 = registry.CreateTransform(registry.Resolve("EPSG:4326"), registry.Resolve(dataset.Info.Crs));
        var rows = Corners.Where(r => r[0] == name).ToList();
        Assert.Equal(5, rows.Count);
        foreach (var r in rows)
        {
            var f = r.Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var (x, y) = dataset.Levels[0].Transform.PixelToWorld(f[0], f[1]);
            var (lon, lat) = toWgs84.Transform(x, y);
            Assert.Equal(f[2], lon, 1e-7);
            Assert.Equal(f[3], lat, 1e-7);
            // and back: cs2cs's longitude and latitude (printed to 1e-10°, about 10 µm) onto the corner, within 1 mm
            var (backX, backY) = fromWgs84.Transform(f[2], f[3]);
            var unit = registry.Resolve(dataset.Info.Crs).IsGeographic ? 1e-8 : 1e-3;
            Assert.True(Math.Abs(backX - x) < unit && Math.Abs(backY - y) < unit, $"({f[2]}, {f[3]}) goes to ({backX}, {backY}), the corner is ({x}, {y})");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Read_UserDefinedCrsToWebMercator_MatchesGdalwarpNearest(string name) =>
        await GdalwarpNearest.AssertMatchesAsync(await OpenAsync(name + ".tif"), await OpenAsync(name + ".3857.tif"), "EPSG:3857");

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Open_UserDefinedCrs_IdentifiedAsRasterioDoes(string name)
    {
        var dataset = await OpenAsync(name + ".tif");
        var expected = KnownDifferences.TryGetValue(name, out var differs)
            ? [differs]
            : Identified[name].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        Assert.StartsWith("USER:", dataset.Info.Crs);
        Assert.StartsWith(dataset.Crs.IsGeographic ? "GEOGCS[" : "PROJCS[", dataset.Crs.Wkt);
        if (expected.Count == 0)
            Assert.Null(dataset.Crs.IdentifiedAs);
        else
            Assert.Contains(dataset.Crs.IdentifiedAs ?? 0, expected);
    }

    [Fact]
    public async Task Open_UserDefinedSinusoidal_RefusedNamingTheProjectionMethod()
    {
        var e = await Assert.ThrowsAsync<RasterFormatException>(() => OpenAsync(Path.Combine("..", "user_defined_refused", "sinu.tif")));
        Assert.Contains("user-defined CRS: ProjCoordTransGeoKey = 24 (Sinusoidal) is not supported", e.Problem);
    }

    private static string[][] Rows(string file) =>
        File.ReadLines(RepoPaths.Data("crs", file)).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToArray();

    private static async Task<GeoTiffDataset> OpenAsync(string file)
    {
        var opener = new RasterOpener(new HttpClient(), 16);
        return (GeoTiffDataset)await opener.OpenAsync(RepoPaths.Data("crs", "user_defined", file), CancellationToken.None);
    }
}
