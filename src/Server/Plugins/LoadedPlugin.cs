namespace OgcTiler.Server.Plugins;

/// <summary>A plugin version that registered successfully from <see cref="Folder"/>.</summary>
internal sealed record LoadedPlugin(
    string Name,
    string Version,
    string Folder,
    DateTimeOffset LoadedAt,
    PluginRegistrations Registrations,
    PluginCache Cache);

/// <summary>Why the last load of a plugin folder failed (the previous version, if any, stays in service).</summary>
internal sealed record PluginFailure(string Folder, string Error, DateTimeOffset At);
