using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Rendering;
using OgcTiler.Server.Time;

namespace OgcTiler.Server.Configuration;

/// <summary>Binds the <c>Layers</c> array: ids, sources, render options and styles.</summary>
internal static class LayerConfigReader
{
    private static readonly string[] RenderKeys =
        ["Bidx", "Expression", "Bands", "Rescale", "ColormapName", "Colormap", "ColorFormula", "Resampling", "Reproject", "Nodata", "Unscale", "ReturnMask"];

    public static IReadOnlyList<LayerDefinition> ReadLayers(ConfigReader reader, string directory)
    {
        var layers = new List<LayerDefinition>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in reader.Section("Layers").GetChildren())
        {
            var layer = ReadLayer(reader, section, directory);
            if (layer.Id.Length > 0 && !ids.Add(layer.Id))
                reader.Error(section.GetSection("Id").Path, $"duplicate layer id '{layer.Id}'");
            layers.Add(layer);
        }
        return layers;
    }

    private static LayerDefinition ReadLayer(ConfigReader reader, IConfigurationSection s, string directory)
    {
        reader.CheckKeys(s, "Id", "Title", "Abstract", "Source", "Render", "Styles", "TileMatrixSets", "Time");
        var id = reader.RequiredString(s, "Id");
        if (id.Length > 0 && !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            reader.Error(s.GetSection("Id").Path, $"'{id}' may only hold letters, digits, '-', '_' and '.' (it is part of URLs)");
        var styles = new Dictionary<string, RenderOptions>(StringComparer.Ordinal);
        foreach (var style in s.GetSection("Styles").GetChildren())
            styles[style.Key] = ReadRender(reader, style);
        return new LayerDefinition
        {
            Id = id,
            Title = reader.String(s, "Title"),
            Abstract = reader.String(s, "Abstract"),
            Source = ReadSource(reader, s.GetSection("Source"), directory, hasTime: s.GetSection("Time").Exists()),
            Render = ReadRender(reader, s.GetSection("Render")),
            Styles = styles,
            TileMatrixSets = reader.Strings(s, "TileMatrixSets"),
            Time = s.GetSection("Time").Exists() ? TimeConfigReader.Read(reader, s.GetSection("Time")) : null,
        };
    }

    /// <summary>Type and Url (or Files) are the source's; every other key is passed to the provider as an option.</summary>
    private static SourceDefinition ReadSource(ConfigReader reader, IConfigurationSection s, string directory, bool hasTime)
    {
        var type = reader.RequiredString(s, "Type");
        var filesSection = s.GetSection("Files");
        IReadOnlyList<DatedFile>? files = null;
        var url = "";
        if (filesSection.Exists())
        {
            if (reader.String(s, "Url") is not null)
                reader.Error(s.GetSection("Url").Path, "give either Url or Files, not both");
            if (!hasTime)
                reader.Error(filesSection.Path, "Files dates each file, so the layer needs Time (e.g. \"Time\": { \"Resolution\": \"P1D\" })");
            files = ReadFiles(reader, filesSection, directory);
        }
        else
        {
            url = Resolve(directory, reader.RequiredString(s, "Url"));
        }
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in s.GetChildren())
        {
            if (child.Key.Equals("Type", StringComparison.OrdinalIgnoreCase) || child.Key.Equals("Url", StringComparison.OrdinalIgnoreCase)
                || child.Key.Equals("Files", StringComparison.OrdinalIgnoreCase))
                continue;
            if (child.Value is null)
                reader.Error(child.Path, "source options must be single values");
            else
                options[child.Key] = child.Value;
        }
        return new SourceDefinition(type, url, options) { Files = files };
    }

    /// <summary><c>Files: [{ "Url": …, "Datetime": … }, …]</c>, a datetime as TIME gives one (2024-01-15, 2024-01-15T10:30:00Z).</summary>
    private static List<DatedFile> ReadFiles(ConfigReader reader, IConfigurationSection s, string directory)
    {
        var files = new List<DatedFile>();
        foreach (var file in s.GetChildren())
        {
            reader.CheckKeys(file, "Url", "Datetime");
            var url = reader.RequiredString(file, "Url");
            var datetime = reader.RequiredString(file, "Datetime");
            if (datetime.Length > 0 && !TimeValues.TryParseValue(datetime, out _))
                reader.Error(file.GetSection("Datetime").Path, $"'{datetime}' is not an ISO 8601 time (2024-01-15, 2024-01-15T10:30:00Z)");
            else if (url.Length > 0 && datetime.Length > 0)
                files.Add(new DatedFile(Resolve(directory, url), TimeValues.ParseValue(datetime)));
        }
        if (!s.GetChildren().Any())
            reader.Error(s.Path, "list the files: [{ \"Url\": …, \"Datetime\": … }, …]");
        return files;
    }

    private static string Resolve(string directory, string url) =>
        url.Length > 0 && !url.Contains("://", StringComparison.Ordinal) ? ServerOptionsReader.ResolvePath(directory, url) : url;

    private static RenderOptions ReadRender(ConfigReader reader, IConfigurationSection s)
    {
        reader.CheckKeys(s, RenderKeys);
        return new RenderOptions
        {
            Bidx = ReadBidx(reader, s),
            Expression = reader.String(s, "Expression"),
            Bands = reader.Strings(s, "Bands"),
            Rescale = ReadRescale(reader, s.GetSection("Rescale")),
            ColormapName = reader.String(s, "ColormapName"),
            Colormap = reader.String(s, "Colormap"),
            ColorFormula = reader.String(s, "ColorFormula"),
            Resampling = ReadResampling(reader, s, "Resampling"),
            Reproject = ReadResampling(reader, s, "Reproject"),
            Nodata = reader.Double(s, "Nodata"),
            Unscale = reader.Bool(s, "Unscale", false),
            ReturnMask = reader.Bool(s, "ReturnMask", true),
        };
    }

    private static IReadOnlyList<int>? ReadBidx(ConfigReader reader, IConfigurationSection s)
    {
        var values = reader.Strings(s, "Bidx");
        if (values is null)
            return null;
        var bands = new List<int>();
        foreach (var v in values)
        {
            if (int.TryParse(v, out var b) && b >= 1)
                bands.Add(b);
            else
                reader.Error(s.GetSection("Bidx").Path, $"'{v}' is not a band index (1, 2, ...)");
        }
        return bands;
    }

    /// <summary>[[min, max], ...] or ["min,max", ...].</summary>
    private static IReadOnlyList<ValueRange>? ReadRescale(ConfigReader reader, IConfigurationSection s)
    {
        var items = s.GetChildren().ToList();
        if (items.Count == 0 && s.Value is null)
            return null;
        var ranges = new List<ValueRange>();
        foreach (var item in s.Value is null ? items : [s])
        {
            var parts = item.Value is { } text ? text.Split(',') : item.GetChildren().Select(c => c.Value ?? "").ToArray();
            if (ValueRange.TryParse(parts, out var range))
                ranges.Add(range);
            else
                reader.Error(item.Path, "expected [min, max] with min and max numbers, min < max");
        }
        return ranges;
    }

    private static ResamplingMethod ReadResampling(ConfigReader reader, IConfigurationSection s, string key)
    {
        var text = reader.String(s, key);
        if (text is null)
            return ResamplingMethod.Nearest;
        if (Resamplings.TryParse(text, out var method))
            return method;
        reader.Error(s.GetSection(key).Path, $"'{text}' is not one of {string.Join(", ", Resamplings.Names)}");
        return ResamplingMethod.Nearest;
    }
}
