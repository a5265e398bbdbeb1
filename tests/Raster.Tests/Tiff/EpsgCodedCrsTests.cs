using System.Globalization;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Tiff;
using OgcTiler.TestSupport;

namespace OgcTiler.Raster.Tests.Tiff;

/// <summary>
/// GeoTIFFs whose ProjectedCSTypeGeoKey is an EPSG code of a projection method the engine implements itself (Hotine
/// Oblique Mercator variant A, EPSG method 9812: RSO Sarawak, East Malaysia BRSO, Michigan Oblique Mercator, Oregon
/// Coast in feet), written by <c>gdal_translate -a_srs EPSG:n</c> (tests/data/crs/make_epsg_coded.py): pixel corners
/// compared with <c>cs2cs EPSG:n EPSG:4326</c> and back, a WebMercator read with gdalwarp's output to the same grid.
/// </summary>
public sealed class EpsgCodedCrsTests
{
    private static readonly string[][] Corners =
        [.. File.ReadLines(RepoPaths.Data("crs", "epsg_coded.tsv")).Where(l => l.Length > 0).Select(l => l.Split('\t'))];

    public static TheoryData<string> Names => [.. Corners.Select(r => r[0]).Distinct()];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Open_EpsgCode_PixelCornersMatchCs2cs(string name)
    {
        var dataset = await OpenAsync(name + ".tif");
        Assert.Equal($"EPSG:{name[(name.LastIndexOf('_') + 1)..]}", dataset.Info.Crs);
        var registry = CrsRegistry.Default;
        var toWgs84 = registry.CreateTransform(registry.Resolve(dataset.Info.Crs), registry.Resolve("EPSG:4326"));
        var fromWgs84 = registry.CreateTransform(registry.Resolve("EPSG:4326"), registry.Resolve(dataset.Info.Crs));
        foreach (var r in Corners.Where(r => r[0] == name))
        {
            var f = r.Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var (x, y) = dataset.Levels[0].Transform.PixelToWorld(f[0], f[1]);
            var (lon, lat) = toWgs84.Transform(x, y);
            Assert.Equal(f[2], lon, 1e-7);
            Assert.Equal(f[3], lat, 1e-7);
            // and back to the CRS as cs2cs takes that longitude and latitude, within 1e-3 CRS units (1 mm; 0.3 mm in feet)
            var (backX, backY) = fromWgs84.Transform(f[2], f[3]);
            Assert.True(Math.Abs(backX - f[4]) < 1e-3 && Math.Abs(backY - f[5]) < 1e-3, $"({f[2]}, {f[3]}) goes to ({backX}, {backY}), cs2cs ({f[4]}, {f[5]})");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Read_EpsgCodeToWebMercator_MatchesGdalwarpNearest(string name) =>
        await GdalwarpNearest.AssertMatchesAsync(await OpenAsync(name + ".tif"), await OpenAsync(name + ".3857.tif"), "EPSG:3857");

    private static async Task<GeoTiffDataset> OpenAsync(string file)
    {
        var opener = new RasterOpener(new HttpClient(), 16);
        return (GeoTiffDataset)await opener.OpenAsync(RepoPaths.Data("crs", "epsg_coded", file), CancellationToken.None);
    }
}
