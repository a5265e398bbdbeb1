namespace OgcTiler.Server.Plugins;

/// <summary>The <c>Plugins</c> configuration section.</summary>
public sealed record PluginOptions
{
    /// <summary>Folder holding one sub-folder per plugin; relative paths resolve against the server binary's folder.</summary>
    public string Directory { get; init; } = "plugins";

    public string ResolveDirectory() => Path.GetFullPath(Directory, AppContext.BaseDirectory);
}
