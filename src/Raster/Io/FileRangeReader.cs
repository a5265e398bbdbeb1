using Microsoft.Win32.SafeHandles;
using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Raster.Io;

/// <summary>Reads a local file with positional async reads on one shared handle.</summary>
internal sealed class FileRangeReader : IRangeReader, IDisposable
{
    private readonly SafeFileHandle _handle;

    private FileRangeReader(string path, SafeFileHandle handle, long length)
    {
        Uri = path;
        _handle = handle;
        Length = length;
        Version = $"{File.GetLastWriteTimeUtc(handle).Ticks:x}-{length:x}";
    }

    public string Uri { get; }

    public long? Length { get; }

    public string Version { get; }

    public string? CompressedCacheIdentity => null;

    public static FileRangeReader Open(string path)
    {
        try
        {
            var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous | FileOptions.RandomAccess);
            return new FileRangeReader(path, handle, RandomAccess.GetLength(handle));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ResourceNotFoundException($"file not found: {path}");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new UpstreamException($"{path}: cannot open: {e.Message}", null, e);
        }
    }

    public async ValueTask<int> ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var read = await RandomAccess.ReadAsync(_handle, destination[total..], offset + total, cancellationToken);
            if (read == 0)
                break;
            total += read;
        }
        return total;
    }

    public void Dispose() => _handle.Dispose();
}
