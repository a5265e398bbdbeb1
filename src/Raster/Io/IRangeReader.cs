namespace OgcTiler.Raster.Io;

/// <summary>Random access to the bytes of a file, local or remote. Thread-safe.</summary>
internal interface IRangeReader
{
    /// <summary>The path or URL, used in error messages and cache keys.</summary>
    string Uri { get; }

    /// <summary>The file's length once known (after the first read for HTTP); null before.</summary>
    long? Length { get; }

    /// <summary>The file's version: modification time and length of a local file, the ETag (else Last-Modified, else length) of a remote one.</summary>
    string Version { get; }

    /// <summary>
    /// What names exactly these bytes in the compressed-block cache: a remote file's URL with its ETag (else
    /// Last-Modified) and length, once known. Null when its blocks are not kept there: a local file (the OS page cache
    /// holds it) or a remote one sending neither validator (a change would go unseen).
    /// </summary>
    string? CompressedCacheIdentity { get; }

    /// <summary>
    /// Reads <c>destination.Length</c> bytes starting at <paramref name="offset"/> and returns how many were read:
    /// fewer only when the file ends first.
    /// </summary>
    ValueTask<int> ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken);
}
