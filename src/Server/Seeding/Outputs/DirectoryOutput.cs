using System.Globalization;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Seeding.Outputs;

/// <summary>A <c>z/x/y.ext</c> folder tree (a CDN's or QGIS's XYZ source); each file written aside and moved into place.</summary>
internal sealed class DirectoryOutput(string path, ImageFormat format) : ITileOutput
{
    private long _written;

    public string Path => path;

    public ValueTask<bool> ContainsAsync(TileAddress tile, CancellationToken cancellation) => ValueTask.FromResult(File.Exists(FileOf(tile)));

    public async ValueTask WriteAsync(TileAddress tile, byte[] bytes, CancellationToken cancellation)
    {
        var file = FileOf(tile);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        var partial = file + ".partial";
        await File.WriteAllBytesAsync(partial, bytes, cancellation);
        File.Move(partial, file, overwrite: true);
        Interlocked.Increment(ref _written);
    }

    public Task<string> CompleteAsync(TileSetInfo info, CancellationToken cancellation) =>
        Task.FromResult($"{path}: {Interlocked.Read(ref _written)} tiles written as {{z}}/{{x}}/{{y}}.{format.Name}");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string FileOf(TileAddress tile) => System.IO.Path.Combine(path, tile.Zoom.ToString(CultureInfo.InvariantCulture),
        tile.Col.ToString(CultureInfo.InvariantCulture), $"{tile.Row.ToString(CultureInfo.InvariantCulture)}.{format.Name}");
}
