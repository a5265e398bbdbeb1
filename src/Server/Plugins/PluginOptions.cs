namespace OgcTiler.Server.Plugins;

/// <summary>The <c>Plugins</c> configuration section.</summary>
public sealed record PluginOptions
{
    private static readonly string[] Keys = [nameof(Directory)];

    /// <summary>Folder holding one sub-folder per plugin; relative paths resolve against the server binary's folder.</summary>
    public string Directory { get; init; } = "plugins";

    public string ResolveDirectory() => Path.GetFullPath(Directory, AppContext.BaseDirectory);

    /// <summary>Reads <c>Plugins</c>; an unknown key is an error naming it.</summary>
    public static PluginOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Plugins");
        var unknown = section.GetChildren().Select(c => c.Key).Where(k => !Keys.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException(
                $"configuration: {string.Join(", ", unknown.Select(k => "Plugins:" + k))} is not a known key (known: {string.Join(", ", Keys)})");
        var directory = section[nameof(Directory)];
        return string.IsNullOrWhiteSpace(directory) ? new PluginOptions() : new PluginOptions { Directory = directory };
    }
}
