using OgcTiler.Abstractions.Raster;

namespace OgcTiler.Server.Api.Endpoints;

/// <summary>
/// TiTiler 2.x's <c>band_names</c> and <c>band_descriptions</c> of a read (the keys and <c>description</c> of
/// statistics too): a plain COG read names each band by its index (<c>bidx=1&amp;bidx=1</c> gives b1, b1) and describes it
/// with the dataset's description, else that name; expression, asset and algorithm outputs are b1…bN in order, described
/// by what they are (<c>b1*2</c>, <c>B04_b1</c>).
/// </summary>
internal sealed record BandLabels(IReadOnlyList<string> Names, IReadOnlyList<string> Descriptions)
{
    public static BandLabels Of(RasterData data, PreparedSource prepared)
    {
        var options = prepared.Options;
        var info = prepared.Source.Info;
        var names = new string[data.BandCount];
        var descriptions = new string[data.BandCount];
        var positional = options.Expression is not null || options.Bands is not null;
        for (var b = 0; b < data.BandCount; b++)
        {
            var name = data.BandNames[b];
            var index = positional ? -1 : IndexOf(info.BandNames, name);
            names[b] = index < 0 ? $"b{b + 1}" : name;
            descriptions[b] = index >= 0 && index < info.Bands.Count && !string.IsNullOrEmpty(info.Bands[index].Description)
                ? info.Bands[index].Description!
                : name;
        }
        return new BandLabels(names, descriptions);
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
                return i;
        }
        return -1;
    }
}
