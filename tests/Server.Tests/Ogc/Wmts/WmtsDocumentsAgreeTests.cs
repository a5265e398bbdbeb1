using System.Xml.Linq;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Crs;
using OgcTiler.Raster.Tiling;
using OgcTiler.Server.Ogc.Wmts;
using OgcTiler.TestSupport.Fakes;

namespace OgcTiler.Server.Tests.Ogc.Wmts;

/// <summary>
/// /wmts, /cog/WMTSCapabilities.xml and /stac/WMTSCapabilities.xml describe every TileMatrixSet with the same
/// numbers (one writer, scales at 0.28 mm pixels), and each document is valid WMTS 1.0.0.
/// </summary>
public sealed class WmtsDocumentsAgreeTests : IDisposable
{
    private static readonly XNamespace Wmts = "http://www.opengis.net/wmts/1.0";
    private static readonly XNamespace Ows = "http://www.opengis.net/ows/1.1";
    private static readonly Bounds Area = new(-20037508.342789244, 0, 0, 20037508.342789244);
    private static readonly TileMatrixSet[] Describable =
        TileMatrixSetRegistry.Load(null, CrsRegistry.Default).All.Where(WmtsLayerSets.IsDescribable).ToArray();

    private readonly ServerFactory _server;
    private readonly HttpClient _client;

    public WmtsDocumentsAgreeTests()
    {
        var opener = new FakeRasterOpener();
        var sets = string.Join(", ", Describable.Select(s => $"\"{s.Id}\""));
        _server = new ServerFactory($$"""
            {
              "Sources": { "AllowedRoots": ["data"] },
              "Layers": [ { "Id": "all", "Source": { "Type": "cog", "Url": "data/demo.tif" }, "TileMatrixSets": [{{sets}}] } ]
            }
            """, opener, plugins: true);
        opener.Add(new FakeRasterDataset(_server.DataPath("demo.tif"), "EPSG:3857", Area, 1, (_, _, _) => 1));
        File.WriteAllText(_server.DataPath("item.json"), """
            {
              "type": "Feature", "stac_version": "1.0.0", "id": "scene-1", "bbox": [-180, 0, 0, 85.05],
              "geometry": { "type": "Polygon", "coordinates": [[[-180, 0], [0, 0], [0, 85.05], [-180, 85.05], [-180, 0]]] },
              "properties": { "datetime": "2024-06-01T10:00:00Z" }, "links": [],
              "assets": { "B01": { "href": "demo.tif", "type": "image/tiff; application=geotiff; profile=cloud-optimized", "roles": ["data"] } }
            }
            """);
        _client = _server.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task EveryRegisteredSet_IsDescribedAlikeByTheThreeDoors_InValidDocuments()
    {
        var wmts = await SetsOf("/wmts/1.0.0/WMTSCapabilities.xml");
        var cog = await SetsOf("/cog/WMTSCapabilities.xml?url=data/demo.tif");
        var stac = await SetsOf("/stac/WMTSCapabilities.xml?url=data/item.json&assets=B01");
        foreach (var set in Describable)
        {
            Assert.Equal(set.Crs.Urn, wmts[set.Id].Element(Ows + "SupportedCRS")!.Value);
            Assert.Equal(set.CrsUri, cog[set.Id].Element(Ows + "SupportedCRS")!.Value);
            Assert.Equal(Matrices(wmts[set.Id]), Matrices(cog[set.Id]));
            Assert.Equal(Matrices(wmts[set.Id]), Matrices(stac[set.Id]));
        }
        Assert.Equal(Describable.Length, wmts.Count);
    }

    /// <summary>CanadianNAD83_LCC declares 96 dpi scales (700 000 for matrix 10); at 0.28 mm pixels its cells are 661 459.66.</summary>
    [Fact]
    public async Task CanadianLcc_Matrix10_IsAtTheOgcPixelSize()
    {
        var cog = await SetsOf("/cog/CanadianNAD83_LCC/WMTSCapabilities.xml?url=data/demo.tif");
        var matrix = cog["CanadianNAD83_LCC"].Elements(Wmts + "TileMatrix").Single(m => m.Element(Ows + "Identifier")!.Value == "10");
        Assert.Equal(661459.66, (double)matrix.Element(Wmts + "ScaleDenominator")!, 0.01);
    }

    private async Task<Dictionary<string, XElement>> SetsOf(string url)
    {
        var bytes = await _client.GetByteArrayAsync(url);
        XmlValidation.AssertValidXsd(bytes, "wmts/1.0/wmtsGetCapabilities_response.xsd");
        return XDocument.Load(new MemoryStream(bytes)).Root!.Element(Wmts + "Contents")!.Elements(Wmts + "TileMatrixSet")
            .ToDictionary(s => s.Element(Ows + "Identifier")!.Value);
    }

    /// <summary>The set as written, but its SupportedCRS (each door names the CRS its own way).</summary>
    private static string Matrices(XElement set) =>
        string.Concat(set.Elements().Where(e => e.Name != Ows + "SupportedCRS").Select(e => e.ToString(SaveOptions.DisableFormatting)));
}
