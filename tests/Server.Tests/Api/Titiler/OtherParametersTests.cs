using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Api.Algorithms;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.Server.Rendering;
using static OgcTiler.Server.Tests.Api.Titiler.QueryStrings;

namespace OgcTiler.Server.Tests.Api.Titiler;

public class OtherParametersTests
{
    [Theory]
    [InlineData("", null, 256, 256)]          // TileMatrix tile size
    [InlineData("", 2, 256, 512)]             // 1.x @2x
    [InlineData("tilesize=512", null, 256, 512)]
    [InlineData("tilesize=1024", 2, 256, 1024)] // both given: 2.x tilesize wins
    [InlineData("", null, 512, 512)]
    public void TileSize_FollowsBothDialects(string query, int? scale, int matrixTileSize, int expected) =>
        Assert.Equal(expected, TileParameters.Parse(Reader(query), scale).Resolve(matrixTileSize));

    [Theory]
    [InlineData("buffer=0.5", 257)]
    [InlineData("buffer=1", 258)]
    [InlineData("buffer=2", 260)]
    public void Buffer_GrowsTheTile(string query, int expected) =>
        Assert.Equal(expected, TileParameters.Parse(Reader(query), null).WithBuffer(256));

    [Theory]
    [InlineData("buffer=0.3", "buffer")]
    [InlineData("buffer=-1", "buffer")]
    [InlineData("tilesize=0", "tilesize")]
    [InlineData("padding=-1", "padding")]
    public void TileParameters_Errors(string query, string parameter) =>
        Assert.Equal(parameter, Assert.Throws<InvalidParameterException>(() => TileParameters.Parse(Reader(query), null)).Parameter);

    [Fact]
    public void ScaleOutsideRange_IsRejected() =>
        Assert.Equal("scale", Assert.Throws<InvalidParameterException>(() => TileParameters.Parse(Reader(""), 5)).Parameter);

    [Theory]
    [InlineData("", 1024, 2000, 1000, 1024, 512)]            // preview default max_size
    [InlineData("max_size=100", 1024, 1000, 2000, 50, 100)]
    [InlineData("", 1024, 300, 200, 300, 200)]               // never upsampled
    [InlineData("width=64&height=32", 1024, 2000, 1000, 64, 32)]
    [InlineData("width=100", null, 2000, 1000, 100, 50)]
    [InlineData("height=100", null, 2000, 1000, 200, 100)]
    [InlineData("", null, 123.4, 55.6, 123, 56)]              // bbox default: native resolution
    public void ImageSize_Resolves(string query, int? defaultMax, double nativeW, double nativeH, int w, int h) =>
        Assert.Equal((w, h), ImageSize.Parse(Reader(query), defaultMax).Resolve(nativeW, nativeH));

    [Fact]
    public void ImageSize_PathSizeWins() =>
        Assert.Equal((64, 64), ImageSize.Parse(Reader("width=10&height=10"), null, 64, 64).Resolve(1000, 1000));

    [Fact]
    public void ImageSize_TooLarge_Fails() =>
        Assert.Equal("max_size", Assert.Throws<InvalidParameterException>(() => ImageSize.Parse(Reader(""), null).Resolve(50_000, 10)).Parameter);

    [Fact]
    public void Statistics_Defaults()
    {
        var p = StatisticsParameters.Parse(Reader(""));
        Assert.Equal([2, 98], p.Percentiles);
        Assert.Equal(10, p.BinCount);
        Assert.Null(p.BinEdges);
        Assert.False(p.Categorical);
    }

    [Fact]
    public void Statistics_AllParameters()
    {
        var p = StatisticsParameters.Parse(Reader("categorical=true&c=1&c=2,3&p=5&p=50,95&histogram_bins=0,10,100&histogram_range=0,50"));
        Assert.True(p.Categorical);
        Assert.Equal([1.0, 2, 3], p.Categories);
        Assert.Equal([5, 50, 95], p.Percentiles);
        Assert.Equal([0.0, 10, 100], p.BinEdges);
        Assert.Equal(2, p.BinCount);
        Assert.Equal(new ValueRange(0, 50), p.HistogramRange);
    }

    [Theory]
    [InlineData("p=101", "p", "p: 101 is outside 0..100")]
    [InlineData("histogram_bins=0", "histogram_bins", "histogram_bins: 0 is outside 1..")]
    [InlineData("histogram_bins=3,2,1", "histogram_bins", "histogram_bins: edges must increase")]
    [InlineData("histogram_range=5", "histogram_range", "histogram_range: '5' must be 'min,max'")]
    [InlineData("histogram_range=5,1", "histogram_range", "histogram_range: min 5 is greater than max 1")]
    [InlineData("c=a", "c", "c: 'a' is not a number")]
    [InlineData("categorical=yes please", "categorical", "categorical: 'yes please' is not a boolean")]
    public void Statistics_Errors(string query, string parameter, string message)
    {
        var error = Assert.Throws<InvalidParameterException>(() => StatisticsParameters.Parse(Reader(query)));
        Assert.Equal(parameter, error.Parameter);
        Assert.StartsWith(message, error.Message);
    }

    [Theory]
    [InlineData(null, "auto")]
    [InlineData("png", "png")]
    [InlineData("jpg", "jpeg")]
    [InlineData("JPEG", "jpeg")]
    [InlineData("webp", "webp")]
    [InlineData("tif", "tif")]
    [InlineData("npy", "npy")]
    [InlineData("pngraw", "pngraw")]
    public void Formats(string? name, string expected) => Assert.Equal(expected, OutputFormats.Parse(name).Name);

    [Fact]
    public void UnknownFormat_ListsChoices()
    {
        var error = Assert.Throws<InvalidParameterException>(() => OutputFormats.Parse("gif"));
        Assert.Equal("format: 'gif' is not one of jpeg, jpg, npy, png, pngraw, tif, tiff, webp", error.Message);
        Assert.Same(ImageFormat.Auto, OutputFormats.Parse(""));
    }

    [Fact]
    public void Algorithm_WithParameters()
    {
        var algorithm = Assert.IsType<Hillshade>(AlgorithmParser.Parse(Reader("algorithm=hillshade&algorithm_params={\"azimuth\":315,\"angle_altitude\":30,\"buffer\":2}"), null)?.Algorithm);
        Assert.Equal(315, algorithm.Azimuth);
        Assert.Equal(30, algorithm.AngleAltitude);
        Assert.Equal(2, algorithm.Buffer);
        Assert.IsType<TerrainRgb>(AlgorithmParser.Parse(Reader("algorithm=terrainrgb"), null)?.Algorithm);
        Assert.IsType<Terrarium>(AlgorithmParser.Parse(Reader("algorithm=terrarium"), null)?.Algorithm);
        Assert.IsType<NormalizedIndex>(AlgorithmParser.Parse(Reader("algorithm=normalizedIndex"), null)?.Algorithm);
        Assert.Null(AlgorithmParser.Parse(Reader(""), null));
    }

    /// <summary>The identity a tile is cached under: the same for spellings of one algorithm, another for any other parameter value.</summary>
    [Fact]
    public void Algorithm_Identity_NamesEveryParameterValue()
    {
        var identity = AlgorithmParser.Parse(Reader("algorithm=hillshade&algorithm_params={\"azimuth\":315}"), null)!.Identity;
        Assert.Equal("hillshade(azimuth=315,angle_altitude=45,buffer=3,z_exaggeration=1)", identity);
        Assert.Equal(identity, AlgorithmParser.Parse(Reader("algorithm=Hillshade&algorithm_params={\"buffer\":3, \"azimuth\":315.0}"), null)!.Identity);
        foreach (var definition in AlgorithmDefinitions.All)
        {
            var defaults = new AlgorithmArguments(definition, []).Identity();
            foreach (var parameter in definition.Parameters)
            {
                var other = parameter.Default is { } d && d + 1 <= parameter.Maximum ? d + 1 : parameter.Minimum;
                using var json = System.Text.Json.JsonDocument.Parse(other.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var given = new AlgorithmArguments(definition, new() { [parameter.Name] = json.RootElement.Clone() }).Identity();
                Assert.True(given != defaults, $"{parameter.Name} of {definition.Id} is not part of its identity");
            }
        }
    }

    [Theory]
    [InlineData("algorithm=contour", "algorithm: 'contour' is not one of hillshade, slope, contours, normalizedIndex")]
    [InlineData("algorithm=hillshade&algorithm_params={bad", "algorithm_params: not valid JSON")]
    [InlineData("algorithm=hillshade&algorithm_params=[1]", "algorithm_params: must be a JSON object")]
    [InlineData("algorithm=hillshade&algorithm_params={\"azimuth\":400}", "algorithm_params: azimuth of hillshade must be an integer in 0..360, got 400")]
    [InlineData("algorithm=hillshade&algorithm_params={\"zfactor\":2}", "algorithm_params: zfactor not a parameter of hillshade")]
    [InlineData("algorithm=terrarium&algorithm_params={\"x\":1}", "algorithm_params: x not a parameter of terrarium (nodata_height)")]
    [InlineData("algorithm=sum&algorithm_params={\"x\":1}", "algorithm_params: x not a parameter of sum (it takes none)")]
    [InlineData("algorithm=hillshade&algorithm_params={\"azimuth\":45.5}", "algorithm_params: azimuth of hillshade must be an integer")]
    public void Algorithm_Errors(string query, string message) =>
        Assert.StartsWith(message, Assert.Throws<InvalidParameterException>(() => AlgorithmParser.Parse(Reader(query), null)).Message);
}
