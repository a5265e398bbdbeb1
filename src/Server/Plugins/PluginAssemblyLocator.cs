namespace OgcTiler.Server.Plugins;

/// <summary>Finds the plugin's main assembly in its folder: the one with a .deps.json, else the folder's namesake.</summary>
internal static class PluginAssemblyLocator
{
    public static string Find(string folder)
    {
        var fromDeps = Directory.GetFiles(folder, "*.deps.json")
            .Select(d => Path.Combine(folder, Path.GetFileName(d)[..^".deps.json".Length] + ".dll"))
            .Where(File.Exists)
            .ToList();
        if (fromDeps.Count == 1)
            return fromDeps[0];
        var namesake = Path.Combine(folder, Path.GetFileName(folder) + ".dll");
        if (File.Exists(namesake))
            return namesake;
        var dlls = Directory.GetFiles(folder, "*.dll");
        return dlls.Length == 1
            ? dlls[0]
            : throw new InvalidOperationException(dlls.Length == 0
                ? "no .dll in the folder"
                : "several .dll files and no single .deps.json telling which is the plugin");
    }
}
