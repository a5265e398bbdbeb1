using System.Xml.Linq;
using OgcTiler.TestSupport;

namespace OgcTiler.Server.Tests.Ogc.Interop;

/// <summary>
/// GDAL's WMTS driver (gdal-bin) reads whole matrices of every TileMatrixSetLink of the capabilities: each block
/// inside the advertised TileMatrixSetLimits (WMTS 1.0.0 TileMatrixLimits: the tiles of a matrix the layer has) must
/// answer an image, so GDAL reports no "Unable to download block" and exits 0, in every set offered, including the
/// non-WebMercator ones (UTM, LAEA, polar, NZTM, Lambert conformal).
/// </summary>
public sealed class GdalWmtsBlocksTests
{
    private static readonly XNamespace Wmts = "http://www.opengis.net/wmts/1.0";
    private static readonly XNamespace Ows = "http://www.opengis.net/ows/1.1";

    [Fact]
    public async Task EveryBlockWithinTheLimits_OfSeveralMatrices_OfEveryLink_IsAnImage()
    {
        await using var host = await OgcTestHost.StartAsync(kestrel: true);
        var capabilities = XDocument.Parse(await host.Client.GetStringAsync("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities"));
        var checkedReads = 0;
        foreach (var layer in capabilities.Root!.Element(Wmts + "Contents")!.Elements(Wmts + "Layer"))
        {
            var name = layer.Element(Ows + "Identifier")!.Value;
            foreach (var link in layer.Elements(Wmts + "TileMatrixSetLink"))
            {
                var set = link.Element(Wmts + "TileMatrixSet")!.Value;
                // Up to two matrices with at most 64 tiles inside the limits: GDAL reads all of them at that matrix.
                var small = link.Descendants(Wmts + "TileMatrixLimits")
                    .Select(l => (Matrix: l.Element(Wmts + "TileMatrix")!.Value, Tiles: Span(l, "Row") * Span(l, "Col")))
                    .Where(l => l.Tiles <= 64).TakeLast(2).ToList();
                foreach (var (matrix, _) in small)
                {
                    await ReadMatrixAsync(host.BaseUrl.TrimEnd('/'), name, set, matrix);
                    checkedReads++;
                }
            }
        }
        Assert.True(checkedReads > 20, $"{checkedReads} matrices read");
    }

    private static long Span(XElement limits, string axis) =>
        long.Parse(limits.Element(Wmts + $"MaxTile{axis}")!.Value) - long.Parse(limits.Element(Wmts + $"MinTile{axis}")!.Value) + 1;

    private static async Task ReadMatrixAsync(string baseUrl, string layer, string set, string matrix)
    {
        var output = Path.Combine(Path.GetTempPath(), $"gdal-wmts-{Guid.NewGuid():N}.tif");
        try
        {
            string[] arguments = ["-q", "-of", "GTiff",
                $"WMTS:{baseUrl}/wmts?SERVICE=WMTS&REQUEST=GetCapabilities,layer={layer},tilematrixset={set},tilematrix={matrix}", output];
            var result = await ExternalProcess.RunAsync("gdal_translate", arguments,
                environment: new Dictionary<string, string> { ["CPL_DEBUG"] = "ON", ["GDAL_HTTP_MAX_RETRY"] = "0" });
            var where = $"{layer} in {set} at matrix {matrix}";
            Assert.True(result.Exit == 0, $"{where}: gdal_translate exited {result.Exit}: {result.Error}");
            Assert.DoesNotContain("Unable to download", result.Error);
            Assert.DoesNotContain("HTTP error code", result.Error);
            Assert.True(File.Exists(output), where);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
