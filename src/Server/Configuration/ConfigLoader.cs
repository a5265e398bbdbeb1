namespace OgcTiler.Server.Configuration;

/// <summary>Finds and loads the config file and registers the validated <see cref="ServerOptions"/>.</summary>
public static class ConfigLoader
{
    public const string DefaultRelativePath = "config/ogctiler.json";

    /// <summary>
    /// Loads <c>--config PATH</c>, else <c>OGCTILER_CONFIG</c>, else config/ogctiler.json in the content root or the
    /// nearest folder above it. Environment variables and the command line still override the file's values.
    /// </summary>
    public static ServerOptions AddOgcTilerConfiguration(this WebApplicationBuilder builder, string[] args)
    {
        var path = builder.Configuration["config"] ?? Environment.GetEnvironmentVariable("OGCTILER_CONFIG") ?? FindDefault(builder.Environment.ContentRootPath);
        path = Path.GetFullPath(path, builder.Environment.ContentRootPath);
        if (!File.Exists(path))
            throw new ConfigurationException(path, ["the config file does not exist (give another with --config PATH or OGCTILER_CONFIG)"]);
        builder.Configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        var fileKeys = new ConfigurationBuilder().AddJsonFile(path).Build().GetChildren().Select(c => c.Key);
        var options = ServerOptionsReader.Read(builder.Configuration, path, fileKeys);
        builder.Services.AddSingleton(options);
        return options;
    }

    private static string FindDefault(string contentRoot)
    {
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, DefaultRelativePath);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        return Path.Combine(contentRoot, DefaultRelativePath);
    }
}
