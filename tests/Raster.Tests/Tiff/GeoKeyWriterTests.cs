using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Tiff;
using OgcTiler.TestSupport;

namespace OgcTiler.Raster.Tests.Tiff;

/// <summary>
/// The GeoKeys written for a CRS read back as the same CRS by OgcTiler's own GeoKey reader: every user-defined CRS
/// fixture of tests/data/crs/make_user_defined.sh (GDAL's reading of them is checked on preview.tif in
/// Server.Tests' CogUserDefinedCrsTests), and EPSG CRSs by their code.
/// </summary>
public sealed class GeoKeyWriterTests
{
    public static TheoryData<string> Names =>
    [
        .. Directory.GetFiles(RepoPaths.Data("crs", "user_defined"), "*.tif")
            .Select(f => Path.GetFileNameWithoutExtension(f)).Where(n => !n.EndsWith(".3857", StringComparison.Ordinal)).Order(),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task For_UserDefinedCrs_ReadsBackAsACrsWithTheSameCoordinates(string name)
    {
        using var opener = new RasterOpener(new HttpClient(), 16);
        var dataset = (GeoTiffDataset)await opener.OpenAsync(RepoPaths.Data("crs", "user_defined", name + ".tif"), CancellationToken.None);
        var registry = CrsRegistry.Default;

        var tags = GeoKeyWriter.For(dataset.Crs);
        var keys = GeoKeyDirectory.Read("written", [.. tags.Directory.Select(v => (ulong)v)], tags.Doubles, tags.Ascii);
        var readBack = GeoKeyCrs.CitationWkt(keys) is { } citation && registry.TryResolveDatasetText(citation, out var fromCitation, out _)
            ? fromCitation
            : registry.RegisterUserDefined(GeoKeyCrs.BuildWkt(keys, registry));

        Assert.Equal(dataset.Crs.IsGeographic, readBack.IsGeographic);
        var wgs84 = registry.Resolve("EPSG:4326");
        var original = registry.CreateTransform(dataset.Crs, wgs84);
        var written = registry.CreateTransform(readBack, wgs84);
        var level = dataset.Levels[0];
        foreach (var (column, row) in new[] { (0.0, 0.0), (level.Width / 2.0, level.Height / 2.0), (level.Width, level.Height) })
        {
            var (x, y) = level.Transform.PixelToWorld(column, row);
            var (lon, lat) = original.Transform(x, y);
            var (lon2, lat2) = written.Transform(x, y);
            Assert.Equal(lon, lon2, 1e-9);
            Assert.Equal(lat, lat2, 1e-9);
        }
    }

    [Theory]
    [InlineData("EPSG:32631", 1, 3072, 32631)]
    [InlineData("EPSG:4326", 2, 2048, 4326)]
    [InlineData("OGC:CRS84", 2, 2048, 4326)]
    public void For_EpsgCrs_IsItsCode(string crs, int model, int key, int code)
    {
        var tags = GeoKeyWriter.For(CrsRegistry.Default.Resolve(crs));
        var keys = GeoKeyDirectory.Read("written", [.. tags.Directory.Select(v => (ulong)v)], tags.Doubles, tags.Ascii);
        Assert.Equal(model, keys.Short(GeoKey.ModelType));
        Assert.Equal(1, keys.Short(GeoKey.RasterType));
        Assert.Equal(code, keys.Short(key));
    }
}
