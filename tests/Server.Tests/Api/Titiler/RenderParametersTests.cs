using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Api.Titiler;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Tests.Api.Titiler;

/// <summary>TiTiler render parameters as /cog and /stac parse them (the shared parser of Api/Titiler, which /layers uses too).</summary>
public class RenderParametersTests
{
    private static RenderOptions Parse(string query) =>
        RenderParameters.Parse(new QueryCollection(QueryHelpers.ParseQuery(query.Replace("+", "%2B"))));

    [Fact]
    public void Defaults_MatchTitiler()
    {
        var options = Parse("");
        Assert.Null(options.Bidx);
        Assert.Null(options.Rescale);
        Assert.Equal(ResamplingMethod.Nearest, options.Resampling);
        Assert.Equal(ResamplingMethod.Nearest, options.Reproject);
        Assert.True(options.ReturnMask);
        Assert.False(options.Unscale);
        Assert.Null(options.Nodata);
    }

    [Fact]
    public void AllParameters_AreParsed()
    {
        var options = Parse(
            "bidx=3&bidx=2,1&expression=b1*2&rescale=0,3000&rescale=10,20&color_formula=Gamma RGB 3&colormap_name=viridis" +
            "&colormap={\"1\":\"#ff0000\"}&resampling=bilinear&reproject=CUBIC&nodata=-9999&unscale=true&return_mask=false");
        Assert.Equal([3, 2, 1], options.Bidx);
        Assert.Equal("b1*2", options.Expression);
        Assert.Equal([new ValueRange(0, 3000), new ValueRange(10, 20)], options.Rescale);
        Assert.Equal("Gamma RGB 3", options.ColorFormula);
        Assert.Equal("viridis", options.ColormapName);
        Assert.Equal("{\"1\":\"#ff0000\"}", options.Colormap);
        Assert.Equal(ResamplingMethod.Bilinear, options.Resampling);
        Assert.Equal(ResamplingMethod.Cubic, options.Reproject);
        Assert.Equal(-9999, options.Nodata);
        Assert.True(options.Unscale);
        Assert.False(options.ReturnMask);
    }

    [Fact]
    public void NodataNan_IsNaN() => Assert.True(double.IsNaN(Parse("nodata=nan").Nodata!.Value));

    [Theory]
    [InlineData("bidx=0", "bidx", "bidx: '0' is not a band index")]
    [InlineData("bidx=x", "bidx", "bidx: 'x' is not a band index")]
    [InlineData("rescale=0,1,2", "rescale", "rescale: '0,1,2' is not 'min,max'")]
    [InlineData("rescale=0", "rescale", "rescale: '0' is not 'min,max'")]
    [InlineData("rescale=a,1", "rescale", "rescale: 'a,1' is not 'min,max'")]
    [InlineData("rescale=5,5", "rescale", "rescale: '5,5' is not 'min,max' with min < max")]
    [InlineData("rescale=9,5", "rescale", "rescale: '9,5' is not 'min,max' with min < max")]
    [InlineData("rescale=nan,5", "rescale", "rescale: 'nan,5' is not 'min,max' with min < max")]
    [InlineData("resampling=lanczos", "resampling", "resampling: 'lanczos' is not one of nearest, bilinear, cubic, average")]
    [InlineData("reproject=mode", "reproject", "reproject: 'mode' is not one of")]
    [InlineData("nodata=abc", "nodata", "nodata: 'abc' is not a number")]
    [InlineData("unscale=maybe", "unscale", "unscale: 'maybe' is not true or false")]
    [InlineData("return_mask=2", "return_mask", "return_mask: '2' is not true or false")]
    public void WrongValues_NameTheParameter(string query, string parameter, string message)
    {
        var error = Assert.Throws<InvalidParameterException>(() => Parse(query));
        Assert.Equal(parameter, error.Parameter);
        Assert.StartsWith(message, error.Message);
    }
}
