using System.Diagnostics;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Rendering;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Server.Operations;
using OgcTiler.Server.Rendering.Encoders;

namespace OgcTiler.Server.Rendering;

/// <summary>read (bands or expression) → rescale → color formula → colormap → encode with the mask as alpha.</summary>
internal sealed class RenderPipeline(IRenderPlugins plugins, ImageEncoders encoders) : IRenderPipeline
{
    public async Task<RasterData> ReadAsync(RenderRequest request, CancellationToken cancellationToken)
    {
        var options = request.Options;
        if (options.Expression is null)
            return await ReadBandsAsync(request.Source, request.Grid, BandNames(options, request.Source.Info), options, cancellationToken);
        var compiler = plugins.ExpressionCompiler
            ?? throw new InvalidParameterException("expression", "expression: the Expressions plugin is not loaded, so band math is not available");
        var expression = compiler.Compile(options.Expression, InputType(request));
        using var inputs = await ReadBandsAsync(request.Source, request.Grid, expression.Inputs, options, cancellationToken);
        var result = expression.Evaluate(inputs);
        if (inputs.HasAlpha)
            inputs.Alpha.CopyTo(result.AddAlpha(inputs.OpaqueAlpha)); // rio-tiler's apply_expression keeps the alpha_mask
        return result;
    }

    /// <summary>The data type of the values read, which an expression sees: float32 after unscale, else the source's.</summary>
    private static RasterDataType InputType(RenderRequest request) =>
        request.Options.Unscale ? RasterDataType.Float32 : request.Source.Info.DataType;

    /// <summary>The data type of the values <see cref="ReadAsync"/> gives, as rio-tiler's: numexpr's for an expression.</summary>
    private RasterDataType ReadType(RenderRequest request) =>
        request.Options.Expression is { } expression && plugins.ExpressionCompiler is { } compiler
            ? compiler.Compile(expression, InputType(request)).OutputType
            : InputType(request);

    public async Task<EncodedImage> RenderAsync(RenderRequest request, CancellationToken cancellationToken)
    {
        var format = request.Format;
        var options = format == ImageFormat.PngRaw ? request.Options with { ReturnMask = false } : request.Options;
        var isData = format == ImageFormat.Npy || format == ImageFormat.GeoTiff;
        var encoder = isData || format == ImageFormat.Auto ? null : encoders.Get(format == ImageFormat.PngRaw ? ImageFormat.Png : format);
        var formula = ColorFormula(options);
        var colormap = Colormap(options);
        var started = Stopwatch.GetTimestamp();
        using var data = await ReadAsync(request, cancellationToken);
        ServerMetrics.RecordStage("read", started);
        if (isData)
            return new EncodedImage(EncodeData(request, data, formula, colormap), format);
        if (format == ImageFormat.Auto && colormap is null)
        {
            // TiTiler's render_image: JPEG when no pixel of rio-tiler's mask (the alpha band's values when there is
            // one) is 0, so a partly transparent alpha without a 0 gives JPEG; the format decides the bit depth
            var opaque = data.HasAlpha ? !data.Alpha.Contains((ushort)0) : !data.Mask.Contains((byte)0);
            format = opaque ? ImageFormat.Jpeg : ImageFormat.Png;
            encoder = encoders.Get(format);
        }
        var valueType = ValueType(request);
        options = AlphaRule(request, options, data.Mask);
        started = Stopwatch.GetTimestamp();
        using var image = KeepsUInt16(format, valueType, options, formula, colormap)
            ? ImageComposer.ComposeUInt16(data, options)
            : ImageComposer.Compose(data, options, formula, colormap, valueType, DatasetStatistics(request));
        if (format == ImageFormat.Auto)
        {
            format = IsOpaque(data.Mask, image) ? ImageFormat.Jpeg : ImageFormat.Png;
            encoder = encoders.Get(format);
        }
        ServerMetrics.RecordStage("compose", started);
        started = Stopwatch.GetTimestamp();
        var bytes = encoder!.Encode(image);
        ServerMetrics.RecordStage("encode", started);
        return new EncodedImage(bytes, format);
    }

    /// <summary>
    /// The data type of the values drawn: the source's; float32 after unscale (rio-tiler casts before scaling).
    /// Expression outputs are drawn as 0..255 values: rio-tiler's follow numexpr's types (int32 for
    /// integer arithmetic, float64 after a division), which would turn even uint8 band math into flat grey or black.
    /// </summary>
    internal static RasterDataType ValueType(RenderRequest request) =>
        request.Options.Expression is not null ? RasterDataType.UInt8
        : request.Options.Unscale ? RasterDataType.Float32
        : request.Source.Info.DataType;

    /// <summary>
    /// The minimum and maximum the dataset records for each band drawn, when it records them for every one: rio-tiler
    /// then stretches from these instead of the data type's range (even after unscale, as it does). Expression outputs
    /// have none (see <see cref="ValueType"/>).
    /// </summary>
    internal static IReadOnlyList<ValueRange>? DatasetStatistics(RenderRequest request)
    {
        if (request.Options.Expression is not null)
            return null;
        var info = request.Source.Info;
        var names = BandNames(request.Options, info);
        var ranges = new ValueRange[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var index = IndexOf(info.BandNames, names[i]);
            if (index < 0 || index >= info.Bands.Count || info.Bands[index].Statistics is not { } statistics)
                return null;
            ranges[i] = new ValueRange(statistics.Minimum, statistics.Maximum);
        }
        return ranges;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return -1;
    }

    /// <summary>rio-tiler writes uint16 values as they are to PNG when nothing turned them into colours.</summary>
    private static bool KeepsUInt16(ImageFormat format, RasterDataType valueType, RenderOptions options, IColorOperation? formula, IColormap? colormap) =>
        (format == ImageFormat.Png || format == ImageFormat.PngRaw) && valueType == RasterDataType.UInt16
        && options.Rescale is null or { Count: 0 } && formula is null && colormap is null;

    /// <summary>
    /// TiTiler's test for its default format: every pixel valid in the data mask and, with a colormap, opaque in the
    /// colormap's alpha (the mask counts whatever return_mask says).
    /// </summary>
    private static bool IsOpaque(ReadOnlySpan<byte> mask, PixelImage image)
    {
        if (mask.IndexOfAnyExcept((byte)255) >= 0)
            return false;
        if (!image.HasAlpha)
            return true;
        var pixels = image.Pixels;
        for (var i = image.Channels - 1; i < pixels.Length; i += image.Channels)
        {
            if (pixels[i] != 255)
                return false;
        }
        return true;
    }

    public async Task<PixelImage> RenderPixelsAsync(RenderRequest request, CancellationToken cancellationToken)
    {
        var formula = ColorFormula(request.Options);
        var colormap = Colormap(request.Options);
        using var data = await ReadAsync(request, cancellationToken);
        return ImageComposer.Compose(data, AlphaRule(request, request.Options, data.Mask), formula, colormap, ValueType(request), DatasetStatistics(request));
    }

    /// <summary>The mask as alpha with return_mask, but on a fully valid picture only when the request asks for it.</summary>
    private static RenderOptions AlphaRule(RenderRequest request, RenderOptions options, ReadOnlySpan<byte> mask) =>
        options.ReturnMask && !request.AlphaWhenOpaque && mask.IndexOfAnyExcept((byte)255) < 0 ? options with { ReturnMask = false } : options;

    /// <summary>
    /// npy and GeoTIFF: the values as read in their data type, or the 8-bit picture when rescale, a formula or a
    /// colormap is asked for; then the mask as one more band unless return_mask=false (rio-tiler's render): the alpha
    /// band's values where the source has one (scaled to 8 bits with the picture), except under a colormap, which
    /// rio-tiler draws from validity alone.
    /// </summary>
    private byte[] EncodeData(RenderRequest request, RasterData data, IColorOperation? formula, IColormap? colormap)
    {
        var options = request.Options;
        DataBands bands;
        if (options.Rescale is null && formula is null && colormap is null)
        {
            bands = DataBands.FromValues(data, ReadType(request), options.ReturnMask);
        }
        else
        {
            using var image = ImageComposer.Compose(data, options with { ReturnMask = false }, formula, colormap, ValueType(request), DatasetStatistics(request));
            var mask = colormap is null && data.HasAlpha ? ImageComposer.AlphaBytes(data, scaled: true, new byte[data.PixelCount]) : data.Mask;
            bands = DataBands.FromPicture(image, mask, options.ReturnMask);
        }
        return request.Format == ImageFormat.Npy ? NpyWriter.Write(bands) : GeoTiffWriter.Write(bands, request.Grid, encoders.GeoTiffDeflate);
    }

    /// <summary>
    /// Bands given by name, else bidx (1-based into the source's band list), else every band but alpha bands
    /// (rio-tiler's non_alpha_indexes: an RGBA file reads as RGB, its alpha being the mask).
    /// </summary>
    internal static IReadOnlyList<string> BandNames(RenderOptions options, SourceInfo info)
    {
        if (options.Bands is { Count: > 0 } names)
            return names;
        if (options.Bidx is not { Count: > 0 } bidx)
            return NonAlphaBands(info);
        var result = new string[bidx.Count];
        for (var i = 0; i < bidx.Count; i++)
        {
            if (bidx[i] < 1 || bidx[i] > info.BandNames.Count)
                throw new InvalidParameterException("bidx", $"bidx: band {bidx[i]} does not exist (the source has bands 1..{info.BandNames.Count})");
            result[i] = info.BandNames[bidx[i] - 1];
        }
        return result;
    }

    private static IReadOnlyList<string> NonAlphaBands(SourceInfo info) =>
        info.Bands.Any(b => b.IsAlpha) ? [.. info.BandNames.Where((_, i) => i >= info.Bands.Count || !info.Bands[i].IsAlpha)] : info.BandNames;

    private static Task<RasterData> ReadBandsAsync(IRasterSource source, TargetGrid grid, IReadOnlyList<string> bands, RenderOptions options, CancellationToken cancellationToken) =>
        source.ReadAsync(grid, bands, options.Read, cancellationToken);

    private IColorOperation? ColorFormula(RenderOptions options)
    {
        if (options.ColorFormula is null)
            return null;
        var provider = plugins.ColorOperations
            ?? throw new InvalidParameterException("color_formula", "color_formula: the Colormaps plugin is not loaded, so color formulas are not available");
        return provider.Parse(options.ColorFormula);
    }

    private IColormap? Colormap(RenderOptions options) => ColormapLookup.Find(plugins.Colormaps, options);
}
