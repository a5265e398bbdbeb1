using System.Runtime.Intrinsics;

namespace OgcTiler.Raster.Warp;

/// <summary>
/// Whether the warp's inner loops take their vector paths (Vector256, and AVX2 gathers where supported). Both paths
/// write the same bits; tests turn this off to compare them.
/// </summary>
internal static class WarpVectors
{
    public static bool Enabled { get; set; } = Vector256.IsHardwareAccelerated;
}
