using System.Net;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Api.Endpoints;

/// <summary>
/// /cog/bbox and /cog/preview with dst_crs=EPSG:29874 (Timbalai 1948 / RSO Sarawak), and /cog tiles of a TileMatrixSet
/// in EPSG:29874, through the running server and the real engine, against gdalwarp run here on the same file to the same grid. The
/// bbox's source is a WGS 84 raster of 1.1 m pixels over
/// Sarawak, so the datum operation shows: gdalwarp takes Timbalai 1948 to WGS 84 (4) for the raster's area where cs2cs
/// would take (1) per point, 1.9 m (about two output pixels) apart: gdalwarp made to use (1) (-ct with projinfo's
/// OGC:CRS84 to EPSG:29874 pipeline for it) matches none of these pixels. With the operation gdalwarp takes and its
/// approximate transformer replayed (per scanline, 0.125 pixel), every pixel is gdalwarp's: measured 32,400 of 32,400,
/// and 191,482 of 191,482 over ten other grids of 0.3 to 2.5 m with -dstalpha (docs/architecture.md).
/// </summary>
public sealed class CogDatumTests
{
    /// <summary>
    /// Writes the source (WGS 84, 200×200 pixels of 1e-5°, a distinct byte per pixel) and prints a box of 180 m in
    /// EPSG:29874 well inside it.
    /// </summary>
    private const string MakeSource = """
        import sys
        import numpy as np
        from osgeo import gdal, osr
        gdal.UseExceptions()
        ds = gdal.GetDriverByName("GTiff").Create(sys.argv[1], 200, 200, 1, gdal.GDT_Byte)
        ds.SetGeoTransform((113.4, 1e-5, 0, 2.55, 0, -1e-5))
        ds.SetProjection("EPSG:4326")
        y, x = np.mgrid[0:200, 0:200]
        ds.GetRasterBand(1).WriteArray(((x * 7 + y * 13) % 250 + 1).astype(np.uint8))
        ds = None
        wgs84, rso = osr.SpatialReference(), osr.SpatialReference()
        wgs84.ImportFromEPSG(4326)
        rso.ImportFromEPSG(29874)
        for s in (wgs84, rso):
            s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        cx, cy, _ = osr.CoordinateTransformation(wgs84, rso).TransformPoint(113.401, 2.549)
        print(round(cx) - 90, round(cy) - 90, round(cx) + 90, round(cy) + 90)
        """;

    /// <summary>Writes the tiles' source: WGS 84 / UTM zone 49N (EPSG:32649), 400×400 pixels of 1 m, a distinct byte per pixel.</summary>
    private const string MakeUtmSource = """
        import sys
        import numpy as np
        from osgeo import gdal
        gdal.UseExceptions()
        ds = gdal.GetDriverByName("GTiff").Create(sys.argv[1], 400, 400, 1, gdal.GDT_Byte)
        ds.SetGeoTransform((766800, 1, 0, 282200, 0, -1))
        ds.SetProjection("EPSG:32649")
        y, x = np.mgrid[0:400, 0:400]
        ds.GetRasterBand(1).WriteArray(((x * 7 + y * 13) % 250 + 1).astype(np.uint8))
        ds = None
        """;

    /// <summary>
    /// A TileMatrixSet in EPSG:29874 over the UTM source (which falls in 2412659..2413058 E, 5281908..5282307 N): tiles
    /// of 512 m at 2 m pixels (matrix 0) and of 256 m at 1 m (matrix 1), both from (2412544, 5282432).
    /// </summary>
    private const string RsoTileMatrixSet = """
        { "id": "RsoSarawakTest", "crs": "http://www.opengis.net/def/crs/EPSG/0/29874", "orderedAxes": ["E", "N"],
          "tileMatrices": [
            { "id": "0", "cellSize": 2, "pointOfOrigin": [2412544, 5282432], "tileWidth": 256, "tileHeight": 256, "matrixWidth": 4, "matrixHeight": 4 },
            { "id": "1", "cellSize": 1, "pointOfOrigin": [2412544, 5282432], "tileWidth": 256, "tileHeight": 256, "matrixWidth": 8, "matrixHeight": 8 } ] }
        """;

    [Fact]
    public async Task Bbox_ToRsoSarawak_MatchesGdalwarpNearest()
    {
        using var server = new ServerFactory(ServerFactory.DemoConfig(), opener: null);
        var source = server.DataPath("sarawak_wgs84.tif");
        var box = (await ExternalProcess.RunCheckedAsync("/usr/bin/python3", "-c", MakeSource, source)).Trim().Split(' ');
        var reference = Path.Combine(Path.GetTempPath(), $"ogctiler-rso-{Guid.NewGuid():N}.bin");
        var exact = Path.ChangeExtension(reference, null) + "-exact.bin";
        try
        {
            string[] grid = ["-te", box[0], box[1], box[2], box[3], "-ts", "180", "180"];
            await Gdalwarp(source, reference, grid);
            var expected = await File.ReadAllBytesAsync(reference);
            await Gdalwarp(source, exact, [.. grid, "-et", "0"]);
            var exactExpected = await File.ReadAllBytesAsync(exact);

            using var client = server.CreateClient();
            var response = await client.GetAsync($"/cog/bbox/{string.Join(",", box)}/180x180.npy?url=data/sarawak_wgs84.tif&coord_crs=EPSG:29874&dst_crs=EPSG:29874");
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(bytes));
            var npy = NpyFile.Parse(bytes);
            Assert.Equal([2, 180, 180], npy.Shape);
            var n = 180 * 180;
            var differing = Enumerable.Range(0, n).Where(i => npy.Values[n + i] == 0 || npy.Values[i] != expected[i]).ToList();
            Assert.True(differing.Count == 0, $"{differing.Count} of {n} pixels differ from gdalwarp's, the first at (row, col) "
                + string.Join(" ", differing.Take(10).Select(i => $"({i / 180}, {i % 180})")) + $" (box {string.Join(",", box)})");
            // Where gdalwarp's exact transformer (-et 0) picks another source pixel, ours picks the approximate one's:
            // 3 pixels, whose centres fall within 4e-6 source pixel of a pixel edge, (2, 98), (43, 52) and (127, 55).
            var approximated = Enumerable.Range(0, n).Count(i => exactExpected[i] != expected[i]);
            Assert.InRange(approximated, 1, 0.001 * n);
        }
        finally
        {
            foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileNameWithoutExtension(reference) + "*"))
                File.Delete(f);
        }
    }

    /// <summary>
    /// A /cog tile of a TileMatrixSet in EPSG:29874 from a WGS 84 / UTM 49N source is gdalwarp's picture of the tile's
    /// box (-te -ts 256 256 -r near -dstalpha), data and mask, on every pixel: a tile inside the data, one holding its
    /// top-left corner and one at 2 m from the 1 m source with its top and left edges. gdalwarp made to take Timbalai
    /// 1948 to WGS 84 (1), cs2cs's choice (-ct with projinfo's EPSG:32649 to EPSG:29874 pipeline), matches none of
    /// their pixels.
    /// </summary>
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 0, 0)]
    [InlineData(0, 0, 0)]
    public async Task Tile_InRsoSarawakTileMatrixSet_MatchesGdalwarpNearest(int z, int x, int y)
    {
        using var server = new ServerFactory(ServerFactory.DemoConfig(extra: """, "TileMatrixSets": { "Directory": "tms" }"""), opener: null);
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(server.ConfigPath)!, "tms")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "RsoSarawakTest.json"), RsoTileMatrixSet);
        var source = server.DataPath("sarawak_utm49.tif");
        await ExternalProcess.RunCheckedAsync("/usr/bin/python3", "-c", MakeUtmSource, source);
        var cell = z == 0 ? 2 : 1;
        var (west, north) = (2412544 + x * 256 * cell, 5282432 - y * 256 * cell);
        string[] box = [$"{west}", $"{north - 256 * cell}", $"{west + 256 * cell}", $"{north}"];
        var reference = Path.Combine(Path.GetTempPath(), $"ogctiler-rso-tile-{Guid.NewGuid():N}.bin");
        try
        {
            await Gdalwarp(source, reference, "-te", box[0], box[1], box[2], box[3], "-ts", "256", "256", "-dstalpha");
            var expected = await File.ReadAllBytesAsync(reference);

            using var client = server.CreateClient();
            var response = await client.GetAsync($"/cog/tiles/RsoSarawakTest/{z}/{x}/{y}.npy?url=data/sarawak_utm49.tif");
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(bytes));
            var npy = NpyFile.Parse(bytes);
            Assert.Equal([2, 256, 256], npy.Shape);
            var n = 256 * 256;
            var valid = Enumerable.Range(0, n).Count(i => expected[n + i] != 0);
            Assert.True(valid > n / 4, $"gdalwarp draws {valid} pixels of tile {z}/{x}/{y}");
            var differing = Enumerable.Range(0, n)
                .Where(i => (npy.Values[n + i] != 0) != (expected[n + i] != 0) || (expected[n + i] != 0 && npy.Values[i] != expected[i])).ToList();
            Assert.True(differing.Count == 0, $"{differing.Count} of {n} pixels differ from gdalwarp's, the first at (row, col) "
                + string.Join(" ", differing.Take(10).Select(i => $"({i / 256}, {i % 256})")));
        }
        finally
        {
            foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileNameWithoutExtension(reference) + "*"))
                File.Delete(f);
        }
    }

    /// <summary>
    /// /cog/preview.tif with dst_crs=EPSG:29874 of the UTM 49N source is gdalwarp -t_srs EPSG:29874's grid (no -te,
    /// -tr or -ts: GDALSuggestedWarpOutput2, as rasterio's calculate_default_transform and rio-tiler's WarpedVRT): its
    /// corners within 1 mm, its size. rio-tiler 9.4.2's reader.read(dst_crs=EPSG:29874) on rasterio 1.3.5 / GDAL 3.6.2
    /// gives these bounds too (2412658.5813, 5281907.6800, 2413058.3259, 5282307.4246); the transformed extent's far
    /// corner, which the preview took before, is 0.11 m beyond gdalwarp's whole pixels. The extent comes from the raster's
    /// datum operation: with cs2cs's per-point one, as GridBuilder took before, the corner was (2412657.0757,
    /// 5282305.4751), gdalwarp -ct's with Timbalai 1948 to WGS 84 (1), 2.5 m from gdalwarp's own (2412658.5813, 5282307.4246).
    /// </summary>
    [Fact]
    public async Task Preview_ToRsoSarawak_StartsWhereGdalwarpStartsIt()
    {
        const string georeferencing = """
            import sys
            from osgeo import gdal
            for f in sys.argv[1:]:
                d = gdal.Open(f)
                print(d.RasterXSize, d.RasterYSize, *map(repr, d.GetGeoTransform()))
            """;
        using var server = new ServerFactory(ServerFactory.DemoConfig(), opener: null);
        var source = server.DataPath("sarawak_utm49.tif");
        await ExternalProcess.RunCheckedAsync("/usr/bin/python3", "-c", MakeUtmSource, source);
        var reference = Path.Combine(Path.GetTempPath(), $"ogctiler-rso-preview-{Guid.NewGuid():N}.tif");
        var preview = Path.ChangeExtension(reference, null) + "-ours.tif";
        try
        {
            await ExternalProcess.RunCheckedAsync("gdalwarp", "-q", "-t_srs", "EPSG:29874", source, reference);
            using var client = server.CreateClient();
            var response = await client.GetAsync("/cog/preview.tif?url=data/sarawak_utm49.tif&dst_crs=EPSG:29874");
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(bytes));
            await File.WriteAllBytesAsync(preview, bytes);

            var lines = (await ExternalProcess.RunCheckedAsync("/usr/bin/python3", "-c", georeferencing, reference, preview)).Trim().Split('\n');
            var (expected, ours) = (Numbers(lines[0]), Numbers(lines[1]));
            Assert.True(expected[0] == ours[0] && expected[1] == ours[1], $"{ours[0]}×{ours[1]} pixels, gdalwarp's {expected[0]}×{expected[1]}");
            foreach (var i in (int[])[2, 5])
                Assert.True(Math.Abs(ours[i] - expected[i]) < 1e-3, $"geotransform {lines[1]}, gdalwarp's {lines[0]}");
            var (east, south) = (ours[2] + ours[0] * ours[3], ours[5] + ours[1] * ours[7]);
            Assert.True(Math.Abs(east - (expected[2] + expected[0] * expected[3])) < 1e-3 && Math.Abs(south - (expected[5] + expected[1] * expected[7])) < 1e-3,
                $"far corner ({east}, {south}), geotransform {lines[1]}, gdalwarp's {lines[0]}");
        }
        finally
        {
            foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileNameWithoutExtension(reference) + "*"))
                File.Delete(f);
        }

        static double[] Numbers(string line) => line.Split(' ').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    private static Task<string> Gdalwarp(string source, string output, params string[] options) =>
        ExternalProcess.RunCheckedAsync("gdalwarp", ["-q", "-of", "ENVI", "-t_srs", "EPSG:29874", "-r", "near", .. options, source, output]);
}
