namespace OgcTiler.Raster.Warp;

/// <summary>A separable interpolation kernel as GDAL's warper defines it.</summary>
internal interface IKernelFunction
{
    /// <summary>Radius in source pixels at scale 1 (bilinear 1, cubic 2).</summary>
    static abstract int Radius { get; }

    /// <summary>The first tap offset for a stretched radius (GDAL: bilinear -r, cubic -r+1).</summary>
    static abstract int FirstTap(int radius);

    static abstract double Weight(double distance);
}

internal readonly struct BilinearKernel : IKernelFunction
{
    public static int Radius => 1;

    public static int FirstTap(int radius) => -radius;

    public static double Weight(double distance)
    {
        var d = Math.Abs(distance);
        return d <= 1 ? 1 - d : 0;
    }
}

/// <summary>Keys' cubic convolution with a = -0.5 (GDAL's "cubic").</summary>
internal readonly struct CubicKernel : IKernelFunction
{
    public static int Radius => 2;

    public static int FirstTap(int radius) => 1 - radius;

    public static double Weight(double distance)
    {
        var d = Math.Abs(distance);
        if (d < 1)
            return (1.5 * d - 2.5) * d * d + 1;
        if (d < 2)
            return ((-0.5 * d + 2.5) * d - 4) * d + 2;
        return 0;
    }
}
