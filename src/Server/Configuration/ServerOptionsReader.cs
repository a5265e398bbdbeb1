using OgcTiler.Raster;
using OgcTiler.Server.Rendering.Encoders;

namespace OgcTiler.Server.Configuration;

/// <summary>Binds <see cref="ServerOptions"/> from configuration, reporting every error at once.</summary>
internal static class ServerOptionsReader
{
    /// <summary>Top-level sections a config file may hold; sections of other areas are validated by their owners.</summary>
    public static readonly string[] KnownSections =
        ["Service", "Sources", "TileMatrixSets", "Layers", "Cache", "Encoding", "Plugins", "Ogc", "Health", "Viewer", "Searches", "Logging", "Kestrel", "AllowedHosts", "Urls"];

    /// <param name="configuration">The merged configuration (file, environment, command line).</param>
    /// <param name="fileKeys">Top-level keys of the config file itself, checked against <see cref="KnownSections"/>.</param>
    public static ServerOptions Read(IConfiguration configuration, string configFile, IEnumerable<string> fileKeys)
    {
        var reader = new ConfigReader(configuration);
        foreach (var key in fileKeys)
        {
            if (!KnownSections.Contains(key, StringComparer.OrdinalIgnoreCase))
                reader.Error(key, $"unknown section (known sections: {string.Join(", ", KnownSections)})");
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(configFile))!;
        var options = new ServerOptions(
            directory,
            ReadService(reader),
            ReadSources(reader, directory),
            ReadTileMatrixSets(reader, directory),
            LayerConfigReader.ReadLayers(reader, directory),
            ReadCache(reader),
            ReadEncoding(reader))
        {
            Ogc = ReadOgc(reader),
            Plugins = ReadPlugins(reader),
            Health = ReadHealth(reader),
            Viewer = ReadViewer(reader),
            Searches = ReadSearches(reader, directory),
        };
        if (reader.Errors.Count > 0)
            throw new ConfigurationException(configFile, reader.Errors);
        return options;
    }

    /// <summary>A path from the config file: absolute as given, otherwise relative to the config file's folder.</summary>
    public static string ResolvePath(string directory, string path) => Path.GetFullPath(Path.Combine(directory, path));

    private static SearchesOptions ReadSearches(ConfigReader reader, string directory)
    {
        var s = reader.Section("Searches");
        reader.CheckKeys(s, "Directory", "StacApi");
        var folder = reader.String(s, "Directory") is { } d ? ResolvePath(directory, d) : SearchesOptions.DefaultDirectory;
        return new SearchesOptions(folder, reader.String(s, "StacApi"));
    }

    private static ServiceOptions ReadService(ConfigReader reader)
    {
        var s = reader.Section("Service");
        reader.CheckKeys(s, "Title", "Abstract", "Keywords", "ProviderName", "ProviderSite", "ContactName", "ContactEmail");
        return new ServiceOptions(
            reader.String(s, "Title") ?? "OgcTiler",
            reader.String(s, "Abstract"),
            reader.Strings(s, "Keywords") ?? [],
            reader.String(s, "ProviderName"),
            reader.String(s, "ProviderSite"),
            reader.String(s, "ContactName"),
            reader.String(s, "ContactEmail"));
    }

    private static SourcesOptions ReadSources(ConfigReader reader, string directory)
    {
        var s = reader.Section("Sources");
        reader.CheckKeys(s, "AllowedRoots", "AllowedUrlPrefixes", "AllowedNetworks",
            "ConnectTimeoutSeconds", "FirstByteTimeoutSeconds", "RequestTimeoutSeconds", "MinBytesPerSecond", "Retries");
        var roots = (reader.Strings(s, "AllowedRoots") ?? []).Select(r => ResolvePath(directory, r)).ToList();
        var prefixes = reader.Strings(s, "AllowedUrlPrefixes") ?? [];
        foreach (var prefix in prefixes)
        {
            if (!prefix.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !prefix.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                reader.Error("Sources:AllowedUrlPrefixes", $"'{prefix}' must start with http:// or https://");
            else if (prefix.Length > prefix.IndexOf(':') + 3 && !Uri.TryCreate(prefix, UriKind.Absolute, out _))
                reader.Error("Sources:AllowedUrlPrefixes", $"'{prefix}' is not a valid URL");
        }
        return new SourcesOptions(roots, prefixes, ReadNetworks(reader, s), ReadUpstream(reader, s));
    }

    private static List<System.Net.IPNetwork> ReadNetworks(ConfigReader reader, IConfigurationSection s)
    {
        var networks = new List<System.Net.IPNetwork>();
        foreach (var text in reader.Strings(s, "AllowedNetworks") ?? [])
        {
            if (System.Net.IPNetwork.TryParse(text, out var network))
                networks.Add(network);
            else
                reader.Error("Sources:AllowedNetworks", $"'{text}' is not a network in CIDR notation (e.g. 10.0.0.0/8, 127.0.0.1/32, ::1/128)");
        }
        return networks;
    }

    private static UpstreamOptions ReadUpstream(ConfigReader reader, IConfigurationSection s)
    {
        var d = UpstreamOptions.Default;
        return new UpstreamOptions(
            Seconds(reader, s, "ConnectTimeoutSeconds", d.ConnectTimeout),
            Seconds(reader, s, "FirstByteTimeoutSeconds", d.FirstByteTimeout),
            Seconds(reader, s, "RequestTimeoutSeconds", d.RequestTimeout),
            reader.Int(s, "MinBytesPerSecond", d.MinBytesPerSecond, 0, int.MaxValue),
            reader.Int(s, "Retries", d.Retries, 0, 10));
    }

    private static TimeSpan Seconds(ConfigReader reader, IConfigurationSection s, string key, TimeSpan fallback)
    {
        if (reader.Double(s, key) is not { } seconds)
            return fallback;
        if (seconds is > 0 and <= 3600)
            return TimeSpan.FromSeconds(seconds);
        reader.Error($"Sources:{key}", $"{seconds} is not between 0 and 3600 seconds");
        return fallback;
    }

    private static TileMatrixSetsOptions ReadTileMatrixSets(ConfigReader reader, string directory)
    {
        var s = reader.Section("TileMatrixSets");
        reader.CheckKeys(s, "Directory");
        var folder = reader.String(s, "Directory") is { } d ? ResolvePath(directory, d) : null;
        if (folder is not null && !Directory.Exists(folder))
            reader.Error("TileMatrixSets:Directory", $"folder '{folder}' does not exist");
        return new TileMatrixSetsOptions(folder);
    }

    /// <summary>
    /// GDAL's default block cache (GDAL_CACHEMAX): 5% of the memory this process may use, which is a container's limit
    /// where there is one; at least 64 MB.
    /// </summary>
    internal static int DefaultBlockCacheMB => (int)Math.Max(64, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 20 >> 20);

    private static CacheOptions ReadCache(ConfigReader reader)
    {
        var s = reader.Section("Cache");
        reader.CheckKeys(s, "Tiles", "Blocks", "Redis");
        var redis = s.GetSection("Redis");
        reader.CheckKeys(redis, "Configuration", "InstanceName", "ExpirationSeconds");
        var tiles = s.GetSection("Tiles");
        reader.CheckKeys(tiles, "Enabled", "SizeMB", "MaxAgeSeconds");
        var blocks = s.GetSection("Blocks");
        reader.CheckKeys(blocks, "SizeMB", "CompressedSizeMB");
        var blocksMB = reader.Int(blocks, "SizeMB", DefaultBlockCacheMB, 1, 1 << 20);
        return new CacheOptions(
            new TileCacheOptions(
                reader.Bool(tiles, "Enabled", true),
                reader.Int(tiles, "SizeMB", 256, 1, 1 << 20),
                reader.Int(tiles, "MaxAgeSeconds", 3600, 0, int.MaxValue)),
            blocksMB,
            reader.Int(blocks, "CompressedSizeMB", RasterOpener.DefaultCompressedCacheMb(blocksMB), 0, 1 << 20),
            ReadRedis(reader, redis));
    }

    private static RedisCacheOptions? ReadRedis(ConfigReader reader, IConfigurationSection redis)
    {
        var instance = reader.String(redis, "InstanceName") ?? "ogctiler:";
        var expiration = reader.Int(redis, "ExpirationSeconds", 86400, 1, int.MaxValue);
        if (reader.String(redis, "Configuration") is not { } configuration)
            return null;
        try
        {
            StackExchange.Redis.ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException e)
        {
            reader.Error("Cache:Redis:Configuration", e.Message);
        }
        return new RedisCacheOptions(configuration, instance, expiration);
    }

    private static EncodingOptions ReadEncoding(ConfigReader reader)
    {
        var s = reader.Section("Encoding");
        reader.CheckKeys(s, "Png", "Jpeg", "Webp", "GeoTiff");
        var png = s.GetSection("Png");
        reader.CheckKeys(png, "Filter", "ZlibLevel");
        var jpeg = s.GetSection("Jpeg");
        reader.CheckKeys(jpeg, "Quality");
        var webp = s.GetSection("Webp");
        reader.CheckKeys(webp, "Quality");
        var geoTiff = s.GetSection("GeoTiff");
        reader.CheckKeys(geoTiff, "Compression");
        return new EncodingOptions(
            new PngOptions(reader.Enum(png, "Filter", PngFilter.Up), reader.Int(png, "ZlibLevel", 2, 0, 9)),
            reader.Int(jpeg, "Quality", 85, 1, 100),
            reader.Int(webp, "Quality", 75, 1, 100),
            reader.Enum(geoTiff, "Compression", GeoTiffCompression.Deflate));
    }

    private static OgcOptions ReadOgc(ConfigReader reader)
    {
        var s = reader.Section("Ogc");
        reader.CheckKeys(s, "MaxWidth", "MaxHeight");
        return new OgcOptions(reader.Int(s, "MaxWidth", 4096, 1, 16384), reader.Int(s, "MaxHeight", 4096, 1, 16384));
    }

    private static PluginOptions ReadPlugins(ConfigReader reader)
    {
        var s = reader.Section("Plugins");
        reader.CheckKeys(s, "Directory");
        return reader.String(s, "Directory") is { } directory ? new PluginOptions(directory) : new PluginOptions();
    }

    private static HealthOptions ReadHealth(ConfigReader reader)
    {
        var s = reader.Section("Health");
        reader.CheckKeys(s, "Details", "SlowRequestMilliseconds");
        return new HealthOptions(reader.Bool(s, "Details", false), reader.Int(s, "SlowRequestMilliseconds", 2000, 0, int.MaxValue));
    }

    private static ViewerOptions ReadViewer(ConfigReader reader)
    {
        var s = reader.Section("Viewer");
        reader.CheckKeys(s, "BasemapUrl", "BasemapAttribution");
        var url = reader.String(s, "BasemapUrl");
        if (url is not null && !IsTileUrlTemplate(url))
            reader.Error("Viewer:BasemapUrl", $"'{url}' is not an http(s) URL template with {{z}}, {{x}} and {{y}}");
        return new ViewerOptions(url, reader.String(s, "BasemapAttribution"));
    }

    private static bool IsTileUrlTemplate(string url) =>
        url.Contains("{z}", StringComparison.Ordinal) && url.Contains("{x}", StringComparison.Ordinal) && url.Contains("{y}", StringComparison.Ordinal)
        && Uri.TryCreate(url.Replace("{", "").Replace("}", ""), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
