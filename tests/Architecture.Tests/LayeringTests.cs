using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using Assembly = System.Reflection.Assembly;

namespace OgcTiler.Architecture.Tests;

/// <summary>
/// The parts of OgcTiler and the dependencies allowed between them: any other arrow fails. docs/architecture.md
/// draws the same table.
/// </summary>
public sealed class LayeringTests
{
    private static readonly Assembly Abstractions = typeof(Abstractions.Sources.IRasterSource).Assembly;
    private static readonly Assembly Raster = typeof(Raster.RasterOpener).Assembly;
    private static readonly Assembly Server = typeof(Server.Rendering.IRenderPipeline).Assembly;

    private static readonly Assembly[] Plugins =
    [
        typeof(Plugins.Colormaps.ColormapsPlugin).Assembly,
        typeof(Plugins.Expressions.ExpressionsPlugin).Assembly,
        typeof(Plugins.Stac.StacPlugin).Assembly,
        typeof(Plugins.TestPattern.TestPatternPlugin).Assembly,
    ];

    private static readonly ArchUnitNET.Domain.Architecture Code =
        new ArchLoader().LoadAssemblies([Abstractions, Raster, Server, .. Plugins]).Build();

    /// <summary>
    /// The folders of src/Server and the folders each may use. The metrics instruments
    /// (<c>Operations.ServerMetrics</c>) are open to every part and counted apart from the Operations door.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        ["Rendering"] = [],
        // the time vocabulary: resolutions, a layer's Time options, ISO 8601 time values
        ["Time"] = [],
        ["Configuration"] = ["Rendering", "Time"],
        ["Errors"] = ["Configuration"],
        ["Sources"] = ["Configuration"],
        ["Plugins"] = ["Configuration", "Rendering", "Sources"],
        ["Caching"] = ["Configuration", "Plugins", "Rendering"],
        ["Layers"] = ["Configuration", "Plugins", "Rendering", "Time"],
        // Api's WMTSCapabilities.xml of /cog and /stac is written by the one WMTS writer of Ogc/Wmts.
        ["Api"] = ["Caching", "Configuration", "Errors", "Layers", "Ogc", "Plugins", "Rendering", "Sources", "Time"],
        ["Ogc"] = ["Caching", "Configuration", "Errors", "Layers", "Plugins", "Rendering", "Time"],
        // the /colorMaps door writes its HTML forms as the TiTiler routes of Api do (Api/Titiler/HtmlForms)
        ["ColorMaps"] = ["Api", "Plugins", "Rendering"],
        ["Operations"] = ["Api", "Configuration", "Layers", "Plugins", "Rendering"],
        ["Routing"] = ["Api", "ColorMaps", "Layers", "Ogc", "Operations"],
        // the seed command of the host: tiles through the tile cache, layer sets as WMTS offers them
        ["Seeding"] = ["Caching", "Configuration", "Layers", "Ogc", "Plugins", "Rendering", "Sources"],
    };

    private static ArchUnitNET.Fluent.Syntax.Elements.Types.GivenTypesConjunction InPart(string folder) =>
        Types().That().ResideInNamespaceMatching($@"^OgcTiler\.Server\.{folder}(\..+)?$")
            .And().DoNotHaveFullName("OgcTiler.Server.Operations.ServerMetrics");

    private static IObjectProvider<IType> Part(string folder) => InPart(folder).As(folder);

    /// <summary>The host on top: Program, ServerServices and the other types of the root namespace, which every part is below.</summary>
    private static readonly IObjectProvider<IType> Host =
        Types().That().ResideInNamespaceMatching(@"^OgcTiler\.Server$").Or().HaveFullName("Program").As("Host");

    public static TheoryData<string> Parts => new(Allowed.Keys);

    [Theory]
    [MemberData(nameof(Parts))]
    public void ServerPart_UsesOnlyTheAllowedParts(string part)
    {
        var forbidden = Allowed.Keys.Where(p => p != part && !Allowed[part].Contains(p)).ToArray();
        Assert.NotEmpty(forbidden);
        foreach (var other in forbidden)
            InPart(part).Should().NotDependOnAny(Part(other)).Check(Code);
        if (part != "Seeding") // a command of the host, which builds the server's services as Program does
            InPart(part).Should().NotDependOnAny(Host).Check(Code);
    }

    /// <summary>The parts run one way: no part reaches itself through the arrows the table allows.</summary>
    [Fact]
    public void AllowedArrows_HaveNoCircle()
    {
        foreach (var start in Allowed.Keys)
        {
            var reached = new HashSet<string>();
            var pending = new Stack<string>(Allowed[start]);
            while (pending.TryPop(out var part))
            {
                Assert.True(part != start, $"{start} reaches itself through the allowed arrows");
                if (reached.Add(part))
                    foreach (var next in Allowed[part])
                        pending.Push(next);
            }
        }
    }

    [Fact]
    public void EveryFolderOfTheServer_IsAPartOfTheTable()
    {
        var folders = Code.Types
            .Where(t => t.Namespace.FullName.StartsWith("OgcTiler.Server.", StringComparison.Ordinal))
            .Select(t => t.Namespace.FullName.Split('.')[2])
            .Distinct();
        Assert.All(folders, f => Assert.Contains(f, Allowed.Keys));
        Assert.Contains(Host.GetObjects(Code), t => t.FullName == "OgcTiler.Server.ServerServices");
    }

    /// <summary>
    /// The pipeline knows no protocol: nothing in Rendering reads an HTTP request or query (the doors parse their query
    /// once, with Api/Titiler's RenderParameters for TiTiler's parameters, and hand typed options down). Api's use of
    /// the same types shows the rule can see them.
    /// </summary>
    [Fact]
    public void Rendering_ParsesNoHttpQuery()
    {
        Assert.Empty(HttpTypesUsedBy("Rendering"));
        Assert.Contains("Microsoft.AspNetCore.Http.IQueryCollection", HttpTypesUsedBy("Api"));
    }

    private static string[] HttpTypesUsedBy(string part) =>
        InPart(part).GetObjects(Code).SelectMany(t => t.Dependencies).Select(d => d.Target.FullName)
            .Where(n => n.StartsWith("Microsoft.AspNetCore.Http", StringComparison.Ordinal) || n.StartsWith("Microsoft.Extensions.Primitives", StringComparison.Ordinal))
            .Distinct().ToArray();

    [Fact]
    public void Plugins_ReferenceOnlyAbstractions()
    {
        foreach (var plugin in Plugins)
        {
            var references = plugin.GetReferencedAssemblies().Select(a => a.Name).Where(n => n!.StartsWith("OgcTiler.", StringComparison.Ordinal));
            Assert.Equal(["OgcTiler.Abstractions"], references);
            Types().That().ResideInAssembly(plugin).Should()
                .NotDependOnAny(Types().That().ResideInAssembly(Raster).Or().ResideInAssembly(Server)).Check(Code);
        }
    }

    [Fact]
    public void Raster_UsesOnlyAbstractions()
    {
        Assert.Equal(["OgcTiler.Abstractions"], Raster.GetReferencedAssemblies().Select(a => a.Name).Where(n => n!.StartsWith("OgcTiler.", StringComparison.Ordinal)));
        Types().That().ResideInAssembly(Raster).Should().NotDependOnAny(Types().That().ResideInAssembly(Server)).Check(Code);
    }

    [Fact]
    public void Abstractions_UseNoOtherPartAspNetCoreOrSkiaSharp()
    {
        var references = Abstractions.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain(references, n => n.StartsWith("OgcTiler.", StringComparison.Ordinal) || n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || n.StartsWith("SkiaSharp", StringComparison.Ordinal));
    }

    /// <summary>The check is not vacuous: an arrow the code has (Layers → Rendering, for the style's render options) is reported when forbidden.</summary>
    [Fact]
    public void ForbiddingAnArrowTheCodeHas_IsReported()
    {
        var rule = InPart("Layers").Should().NotDependOnAny(Part("Rendering"));
        Assert.False(rule.HasNoViolations(Code));
        Assert.Throws<FailedArchRuleException>(() => rule.Check(Code));
    }
}
