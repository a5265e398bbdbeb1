using System.Text.Json;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Raster.Tests.Tiff;
using OgcTiler.Raster.Tiff;
using OgcTiler.TestSupport;

namespace OgcTiler.Raster.Tests.Warp;

/// <summary>
/// The golden cases of a fixture folder under tests/data (its cases.json, written by the folder's make script): each
/// names a file under files/, the WebMercator grid it is read onto, the kernels, and gdalwarp's output for each kernel
/// under warped/{case}.{kernel}.tif.
/// </summary>
internal sealed class GoldenWarpCases(string folder)
{
    private readonly JsonElement _cases = JsonDocument.Parse(File.ReadAllText(RepoPaths.Data(folder, "cases.json"))).RootElement;

    /// <summary>(case, kernel) for every kernel of every case, as theory data.</summary>
    public TheoryData<string, string> Warps()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in _cases.EnumerateObject())
            foreach (var kernel in c.Value.GetProperty("kernels").EnumerateArray())
                data.Add(c.Name, kernel.GetString()!);
        return data;
    }

    public JsonElement Case(string name) => _cases.GetProperty(name);

    public static TargetGrid GridOf(JsonElement c)
    {
        var b = c.GetProperty("bounds").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var size = c.GetProperty("size").GetInt32();
        return new TargetGrid("EPSG:3857", b[0], b[1], b[2], b[3], size, size);
    }

    public static ResamplingMethod MethodOf(string kernel) => kernel == "near" ? ResamplingMethod.Nearest : ResamplingMethod.Bilinear;

    /// <summary>The case's source file.</summary>
    public Task<GeoTiffDataset> OpenSourceAsync(JsonElement c) => OpenAsync(Path.Combine("files", c.GetProperty("file").GetString() + ".tif"));

    /// <summary>gdalwarp's output for the case and kernel: its values and its alpha band as the mask.</summary>
    public async Task<(float[] Values, byte[]? Mask)> ReadExpectedAsync(string name, string kernel) =>
        await TiffFixtures.ReadLevelAsync(await OpenAsync(Path.Combine("warped", $"{name}.{kernel}.tif")), 0);

    /// <summary>A file of the folder, through a fresh opener (sidecars included).</summary>
    public async Task<GeoTiffDataset> OpenAsync(string file)
    {
        var opener = new RasterOpener(new HttpClient(), 16);
        return (GeoTiffDataset)await opener.OpenAsync(RepoPaths.Data(folder, file), CancellationToken.None);
    }
}
