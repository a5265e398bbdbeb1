using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Rendering;

namespace OgcTiler.Server.Api.Algorithms;

/// <summary>One parameter of an algorithm, with TiTiler's default and bounds (its pydantic Field).</summary>
internal sealed record AlgorithmParameter(string Name, bool Integer, double? Default, double Minimum, double Maximum, bool Nullable = false, string? Description = null);

/// <summary>An algorithm as TiTiler 2.x describes it at /algorithms/{id}, and how to build it from its arguments.</summary>
internal sealed record AlgorithmDefinition(
    string Id, string Title, string Description, int? InputBands, int? OutputBands, string? OutputDtype,
    double[]? OutputMin, double[]? OutputMax, AlgorithmParameter[] Parameters,
    Func<AlgorithmArguments, IColormapProvider?, IRasterAlgorithm> Create);

/// <summary>TiTiler 2.x's 18 algorithms, in its order.</summary>
internal static class AlgorithmDefinitions
{
    private static readonly AlgorithmParameter ZExaggeration = new("z_exaggeration", false, 1.0, 1e-6, 1e6);
    private static readonly AlgorithmParameter NodataHeight = new("nodata_height", false, null, -99999, 99999, Nullable: true);

    public static readonly AlgorithmDefinition[] All =
    [
        new("hillshade", "Hillshade", "Create hillshade from DEM dataset.", 1, 1, "uint8", null, null,
            [new("azimuth", true, 45, 0, 360), new("angle_altitude", false, 45.0, -90, 90), new("buffer", true, 3, 0, 99), ZExaggeration],
            (a, _) => new Hillshade(a.Integer("azimuth"), a.Number("angle_altitude"), a.Integer("buffer"), a.Number("z_exaggeration"))),
        new("slope", "Slope", "Calculate degrees of slope from DEM dataset.", 1, 1, "float32", [0.0], [90.0],
            [new("buffer", true, 3, 0, 99, Description: "Buffer size for edge effects"), ZExaggeration],
            (a, _) => new Slope(a.Integer("buffer"), a.Number("z_exaggeration"))),
        new("contours", "Contours", "Create contours from DEM dataset.", 1, 3, "uint8", null, null,
            [new("increment", true, 35, 0, 999), new("thickness", true, 1, 0, 10), new("minz", true, -12000, -99999, 99999), new("maxz", true, 8000, -99999, 99999)],
            (a, colormaps) => new Contours(Terrain(colormaps), a.Integer("increment"), a.Integer("thickness"), a.Integer("minz"), a.Integer("maxz"))),
        new("normalizedIndex", "Normalized Difference Index", "Compute normalized difference index from two bands.", 2, 1, "float32", [-1.0], [1.0],
            [], (_, _) => new NormalizedIndex()),
        new("terrarium", "Terrarium", "Encode DEM into RGB (Mapzen Terrarium).", 1, 3, "uint8", null, null,
            [NodataHeight], (a, _) => new Terrarium(a.NullableNumber("nodata_height"))),
        new("terrainrgb", "TerrainRGB", "Encode DEM into RGB (Mapbox Terrain RGB).", 1, 3, "uint8", null, null,
            [new("interval", false, 0.1, 1e-9, 1.0), new("baseval", false, -10000.0, -99999, 99999), NodataHeight],
            (a, _) => new TerrainRgb(a.Number("interval"), a.Number("baseval"), a.NullableNumber("nodata_height"))),
        new("cast", "Cast data to Integer", "Cast data to Integer.", null, null, "uint8", [0.0], [255.0], [], (_, _) => IntegerCasts.Cast()),
        new("ceil", "Round data to the smallest integer", "Round data to the smallest integer.", null, null, "uint8", [0.0], [255.0], [], (_, _) => IntegerCasts.Ceil()),
        new("floor", "Round data to the largest integer", "Round data to the largest integer.", null, null, "uint8", [0.0], [255.0], [], (_, _) => IntegerCasts.Floor()),
        Reduction("min", "Min", "Return Min values along the `bands` axis.", null),
        Reduction("max", "Max", "Return Max values along the `bands` axis.", null),
        Reduction("median", "Median", "Return Median values along the `bands` axis.", "float64"),
        Reduction("mean", "Mean", "Return Mean values.", "float64"),
        Reduction("std", "Standard deviation", "Return the Standard Deviation along the `bands` axis.", "float64"),
        Reduction("var", "Variance", "Return Variance along the `bands` axis.", "float64"),
        Reduction("sum", "Sum", "Return Sum values along the `bands` axis.", null),
        new("grayscale", "Transform a RGB Image to Grayscale", "Transform a RGB Image to Grayscale using the ITU-R 601-2 luma.", null, 1, null, null, null,
            [], (_, _) => new Grayscale()),
        new("bitonal", "Transform an Image to Bitonal", "All values larger than 127 are set to 255 (white), all other values to 0 (black).", null, 1, "uint8", null, null,
            [], (_, _) => new Bitonal()),
    ];

    /// <summary>
    /// The data type of an algorithm's output: its <c>output_dtype</c>, else the input's as numpy keeps it (min, max,
    /// grayscale); sum of integers is numpy's 64-bit integer, which has no type here, so float64.
    /// </summary>
    public static RasterDataType OutputType(string id, RasterDataType input)
    {
        var dtype = All.First(d => d.Id == id).OutputDtype;
        if (dtype is not null)
            return Enum.Parse<RasterDataType>(dtype, ignoreCase: true);
        return id == "sum" && input is not (RasterDataType.Float32 or RasterDataType.Float64) ? RasterDataType.Float64 : input;
    }

    private static AlgorithmDefinition Reduction(string id, string title, string description, string? dtype) =>
        new(id, title, description, null, 1, dtype, null, null, [], (_, _) => new BandReduction(id, BandReduction.Reductions[id]));

    private static IColormap Terrain(IColormapProvider? colormaps) =>
        colormaps is not null && colormaps.TryGet("terrain", out var terrain)
            ? terrain
            : throw new InvalidParameterException("algorithm", "algorithm: contours colours with the 'terrain' colormap, which the Colormaps plugin does not provide here");
}
