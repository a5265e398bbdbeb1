using System.Collections.Frozen;
using System.IO.Compression;
using System.Text;

namespace OgcTiler.Plugins.Colormaps.Named;

/// <summary>The matplotlib colormaps rio-tiler ships, read from the embedded colormaps.bin.gz (see Data/).</summary>
internal sealed class NamedColormaps
{
    private const int TableBytes = 256 * 4;
    private readonly FrozenDictionary<string, RampColormap> _maps;

    private NamedColormaps(FrozenDictionary<string, RampColormap> maps)
    {
        _maps = maps;
        Names = [.. maps.Keys.Order(StringComparer.Ordinal)];
    }

    public IReadOnlyCollection<string> Names { get; }

    public bool TryGet(string name, out RampColormap? colormap) => _maps.TryGetValue(name, out colormap);

    public static NamedColormaps Load()
    {
        using var resource = typeof(NamedColormaps).Assembly.GetManifestResourceStream("colormaps.bin.gz")
            ?? throw new InvalidOperationException("colormaps.bin.gz is not embedded in the Colormaps plugin");
        using var data = new MemoryStream();
        using (var gzip = new GZipStream(resource, CompressionMode.Decompress))
            gzip.CopyTo(data);
        return new NamedColormaps(Read(data.GetBuffer().AsSpan(0, (int)data.Length))
            .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    }

    private static Dictionary<string, RampColormap> Read(ReadOnlySpan<byte> data)
    {
        var maps = new Dictionary<string, RampColormap>(StringComparer.OrdinalIgnoreCase);
        while (!data.IsEmpty)
        {
            var nameLength = data[0];
            var name = Encoding.ASCII.GetString(data.Slice(1, nameLength));
            maps[name] = new RampColormap(data.Slice(1 + nameLength, TableBytes));
            data = data[(1 + nameLength + TableBytes)..];
        }
        return maps;
    }
}
