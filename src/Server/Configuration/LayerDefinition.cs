using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Rendering;
using OgcTiler.Server.Time;

namespace OgcTiler.Server.Configuration;

/// <summary>A layer as configured in <c>Layers</c> of config/ogctiler.json.</summary>
public sealed record LayerDefinition
{
    public required string Id { get; init; }

    public string? Title { get; init; }

    public string? Abstract { get; init; }

    public required SourceDefinition Source { get; init; }

    /// <summary>Default render options of the layer.</summary>
    public RenderOptions Render { get; init; } = new();

    /// <summary>Named styles: options applied over <see cref="Render"/>. "default" is the style used when none is named.</summary>
    public IReadOnlyDictionary<string, RenderOptions> Styles { get; init; } = new Dictionary<string, RenderOptions>();

    /// <summary>TileMatrixSet ids offered; null means every set that covers the layer.</summary>
    public IReadOnlyList<string>? TileMatrixSets { get; init; }

    /// <summary>The time dimension built from the source's item dates; null when the layer has none.</summary>
    public TimeOptions? Time { get; init; }
}

/// <summary>
/// <c>Type</c> names a source provider ("cog" built in); <c>Url</c> a path or URL, empty when <see cref="Files"/>
/// lists the files; the other keys go to the provider.
/// </summary>
public sealed record SourceDefinition(string Type, string Url, IReadOnlyDictionary<string, string> Options)
{
    /// <summary><c>Files</c>: the layer's files, each opened by the provider with the same options and dated for the layer's <c>Time</c>; null for one <see cref="Url"/>.</summary>
    public IReadOnlyList<DatedFile>? Files { get; init; }
}

/// <summary>One of <c>Source:Files</c>: its path or URL and its <c>Datetime</c> (an instant, or the interval of a reduced date such as 2024-01-15).</summary>
public sealed record DatedFile(string Url, TimeRange Time);
