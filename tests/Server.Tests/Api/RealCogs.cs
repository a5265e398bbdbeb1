using System.Net;
using System.Text;
using System.Text.Json;
using OgcTiler.Raster;
using OgcTiler.TestSupport;
using OgcTiler.TestSupport.Fakes;

namespace OgcTiler.Server.Tests.Api;

/// <summary>
/// A <see cref="ServerFactory"/> serving GDAL-made COGs of tests/data/api/cogs (make_real_cogs.py): the files are copied
/// into the server's data folder and opened by the real raster engine, whose datasets the factory's opener hands out.
/// Also the pixels and facts GDAL reported for them.
/// </summary>
internal sealed class RealCogs
{
    public const int Width = 128, Height = 96;
    public const double X0 = 500000, Y0 = 5000000, Resolution = 10;

    private readonly RasterOpener _engine = new(() => new HttpClient(), 16);

    private RealCogs(bool plugins)
    {
        Server = new ServerFactory(ServerFactory.DemoConfig(), new FakeRasterOpener(), plugins: plugins);
        Client = Server.CreateClient();
    }

    public ServerFactory Server { get; }

    public HttpClient Client { get; }

    public static JsonElement Reference { get; } = JsonDocument.Parse(File.ReadAllText(Path("reference.json"))).RootElement;

    public static string Path(string name) => RepoPaths.Data("api", "cogs", name);

    /// <summary>A server with the files in its data folder; the .tif files are opened by the real engine.</summary>
    public static async Task<RealCogs> StartAsync(bool plugins, params string[] files)
    {
        var cogs = new RealCogs(plugins);
        foreach (var file in files)
        {
            var target = cogs.Server.DataPath(file);
            File.Copy(Path(file), target, overwrite: true);
            if (file.EndsWith(".tif", StringComparison.Ordinal))
                cogs.Server.Opener.Add(await cogs._engine.OpenAsync(target, default));
        }
        return cogs;
    }

    /// <summary>visual.tif's band (0-based) as GDAL read it, row-major.</summary>
    public static float[] Visual(int band) => Bytes("visual.u8").Skip(band * Width * Height).Take(Width * Height).Select(v => (float)v).ToArray();

    /// <summary>b08.tif as GDAL read it (0 is nodata), row-major.</summary>
    public static float[] B08()
    {
        var raw = Bytes("b08.u16");
        return Enumerable.Range(0, raw.Length / 2).Select(i => (float)BitConverter.ToUInt16(raw, 2 * i)).ToArray();
    }

    /// <summary>i16.tif (make_dtype_cogs.py) as GDAL read it, row-major.</summary>
    public static float[] I16()
    {
        var raw = Bytes("i16.i16");
        return Enumerable.Range(0, raw.Length / 2).Select(i => (float)BitConverter.ToInt16(raw, 2 * i)).ToArray();
    }

    /// <summary>A gdalwarp reference tile (tile-inside.u8, tile-edge.u8: RGB + alpha, band-sequential).</summary>
    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));

    /// <summary>
    /// The body of a 200 answer to <paramref name="path"/>, asked again while the answer says a plugin is missing (the
    /// plugins load in a hosted service); any other answer fails the test.
    /// </summary>
    public async Task<byte[]> GetOkAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await Client.GetAsync(path);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode == HttpStatusCode.OK)
                return bytes;
            var text = Encoding.UTF8.GetString(bytes);
            if (attempt >= 50 || !text.Contains("plugin"))
                Assert.Fail($"{path}: {(int)response.StatusCode} {text}");
            await Task.Delay(100);
        }
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        Server.Dispose();
        _engine.Dispose();
        return Task.CompletedTask;
    }
}
