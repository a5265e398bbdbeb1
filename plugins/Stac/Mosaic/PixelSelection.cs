using System.Collections.Frozen;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Plugins.Stac.Mosaic;

/// <summary>
/// Combines the reads of a mosaic's items, fed in search order, into one output (rio-tiler's pixel selection methods).
/// The output starts with every pixel invalid; all bands of a read share its mask.
/// </summary>
internal abstract class PixelSelection(RasterData output)
{
    private static readonly FrozenDictionary<string, Func<RasterData, PixelSelection>> Methods =
        new Dictionary<string, Func<RasterData, PixelSelection>>
        {
            ["first"] = o => new FirstSelection(o),
            ["highest"] = o => new ExtremeSelection(o, highest: true),
            ["lowest"] = o => new ExtremeSelection(o, highest: false),
            ["mean"] = o => new MeanSelection(o),
            ["median"] = o => new MedianSelection(o),
            ["count"] = o => new CountSelection(o),
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<string> Names => Methods.Keys;

    protected RasterData Output { get; } = output;

    /// <summary>The canonical name, or an <see cref="InvalidParameterException"/> listing the methods.</summary>
    public static string Validate(string name) => Methods.ContainsKey(name)
        ? name.ToLowerInvariant()
        : throw new InvalidParameterException("pixel_selection", $"pixel_selection '{name}' is not one of {string.Join(", ", Methods.Keys.Order())}");

    public static PixelSelection Create(string name, RasterData output) => Methods[Validate(name)](output);

    /// <summary>True once further reads cannot change the output (only <c>first</c>, when every pixel is filled).</summary>
    public virtual bool IsComplete => false;

    public abstract void Feed(RasterData read);

    /// <summary>Writes what was accumulated into the output.</summary>
    public virtual void Finish()
    {
    }
}

/// <summary><c>first</c>: each pixel from the first read that holds data there.</summary>
internal sealed class FirstSelection(RasterData output) : PixelSelection(output)
{
    private int _filled;

    public override bool IsComplete => _filled == Output.PixelCount;

    public override void Feed(RasterData read) => _filled += Output.FillGapsFrom(read);
}

/// <summary><c>highest</c> / <c>lowest</c>: per band and pixel, the largest / smallest valid value.</summary>
internal sealed class ExtremeSelection(RasterData output, bool highest) : PixelSelection(output)
{
    public override void Feed(RasterData read)
    {
        var mask = Output.Mask;
        var readMask = read.Mask;
        var samples = Output.AllSamples;
        var readSamples = read.AllSamples;
        var n = Output.PixelCount;
        for (var p = 0; p < n; p++)
        {
            if (readMask[p] == 0)
                continue;
            var first = mask[p] == 0;
            for (var offset = p; offset < samples.Length; offset += n)
            {
                var value = readSamples[offset];
                if (first || (highest ? value > samples[offset] : value < samples[offset]))
                    samples[offset] = value;
            }
            mask[p] = 255;
        }
    }
}
