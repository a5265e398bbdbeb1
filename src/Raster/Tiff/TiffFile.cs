using OgcTiler.Raster.Io;

namespace OgcTiler.Raster.Tiff;

/// <summary>The file an image's blocks are stored in (the dataset's own, or a sidecar such as <c>.ovr</c>) and its byte order.</summary>
internal sealed record TiffFile(IRangeReader Reader, bool BigEndian)
{
    public string Uri => Reader.Uri;
}
