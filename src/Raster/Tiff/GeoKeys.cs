namespace OgcTiler.Raster.Tiff;

/// <summary>What the reader needs from a GeoTIFF's GeoKeyDirectory: the EPSG code and whether pixels are points.</summary>
internal sealed record GeoKeys(int? Epsg, bool PixelIsPoint)
{
    private const int ModelType = 1024;
    private const int RasterType = 1025;
    private const int GeographicType = 2048;
    private const int ProjectedType = 3072;
    private const int UserDefined = 32767;

    public static GeoKeys Parse(string uri, IReadOnlyDictionary<ushort, TiffField> fields)
    {
        if (!fields.TryGetValue(TiffTag.GeoKeyDirectory, out var field))
            return new GeoKeys(null, false);
        var keys = Read(uri, field.AsIntegers(uri));
        keys.TryGetValue(ModelType, out var model);
        var pixelIsPoint = keys.TryGetValue(RasterType, out var raster) && raster == 2;
        if (keys.TryGetValue(ProjectedType, out var projected) && model != 2)
            return new GeoKeys(Code(uri, projected, "ProjectedCSTypeGeoKey"), pixelIsPoint);
        if (keys.TryGetValue(GeographicType, out var geographic))
            return new GeoKeys(Code(uri, geographic, "GeographicTypeGeoKey"), pixelIsPoint);
        return new GeoKeys(null, pixelIsPoint);
    }

    private static int Code(string uri, int code, string key) => code == UserDefined
        ? throw TiffErrors.Format(uri, $"user-defined CRS ({key} = 32767) is not supported: only EPSG codes are")
        : code;

    /// <summary>Keys stored inline in the directory (TIFFTagLocation 0); others (doubles, ASCII) are not needed.</summary>
    private static Dictionary<int, int> Read(string uri, ulong[] directory)
    {
        if (directory.Length < 4)
            throw TiffErrors.Format(uri, "GeoKeyDirectory is too short");
        var count = (int)Math.Min(directory[3], (ulong)(directory.Length - 4) / 4);
        var keys = new Dictionary<int, int>();
        for (var i = 0; i < count; i++)
        {
            var entry = directory.AsSpan(4 + i * 4, 4);
            if (entry[1] == 0)
                keys[(int)entry[0]] = (int)entry[3];
        }
        return keys;
    }
}
