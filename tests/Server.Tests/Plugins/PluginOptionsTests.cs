using Microsoft.Extensions.Configuration;
using OgcTiler.Server.Plugins;

namespace OgcTiler.Server.Tests.Plugins;

public sealed class PluginOptionsTests
{
    [Fact]
    public void Read_Default_IsPluginsBesideTheBinary()
    {
        var options = PluginOptions.Read(new ConfigurationBuilder().Build());

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "plugins"), options.ResolveDirectory());
    }

    [Fact]
    public void Read_Directory_IsTaken()
    {
        var options = PluginOptions.Read(Config(("Plugins:Directory", "/srv/ogctiler/plugins")));

        Assert.Equal("/srv/ogctiler/plugins", options.ResolveDirectory());
    }

    [Fact]
    public void Read_UnknownKey_IsAnErrorNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PluginOptions.Read(Config(("Plugins:Folder", "x"))));

        Assert.Contains("Plugins:Folder is not a known key", error.Message);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
