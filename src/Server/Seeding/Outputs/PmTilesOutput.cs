using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Seeding.Outputs;

/// <summary>
/// A PMTiles 3 archive, clustered and deduplicated (a transparent tile outside the data is stored once). Tiles arrive
/// in any order, so their bytes go to a side file as they come and the archive is laid out at the end in tile id order;
/// a stopped run leaves no archive. Each run writes the archive whole: with <c>--skip-existing</c> the tiles come from
/// the tile cache instead of being rendered again.
/// </summary>
internal sealed class PmTilesOutput : ITileOutput
{
    private readonly string _sidePath;
    private readonly FileStream _side;
    private readonly byte _tileType;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<(ulong TileId, long Offset, int Length)> _tiles = [];
    private readonly Dictionary<UInt128, long> _contents = [];

    private PmTilesOutput(string path, byte tileType)
    {
        Path = path;
        _tileType = tileType;
        _sidePath = path + ".tiles.partial";
        _side = new FileStream(_sidePath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous);
    }

    public string Path { get; }

    public static PmTilesOutput Create(string path, ImageFormat format)
    {
        var type = format == ImageFormat.Png ? PmTilesDirectory.TypePng
            : format == ImageFormat.Jpeg ? PmTilesDirectory.TypeJpeg
            : format == ImageFormat.Webp ? PmTilesDirectory.TypeWebp
            : throw new ArgumentException($"--output {path}: PMTiles holds png, jpg or webp tiles, not {format.Name}");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return new PmTilesOutput(path, type);
    }

    public ValueTask<bool> ContainsAsync(TileAddress tile, CancellationToken cancellation) => ValueTask.FromResult(false);

    public async ValueTask WriteAsync(TileAddress tile, byte[] bytes, CancellationToken cancellation)
    {
        var id = PmTilesDirectory.TileId(tile.Zoom, tile.Col, tile.Row);
        var content = ContentKey(bytes);
        await _gate.WaitAsync(cancellation);
        try
        {
            if (!_contents.TryGetValue(content, out var offset))
            {
                offset = _side.Position;
                await _side.WriteAsync(bytes, cancellation);
                _contents.Add(content, offset);
            }
            _tiles.Add((id, offset, bytes.Length));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<string> CompleteAsync(TileSetInfo info, CancellationToken cancellation)
    {
        await _gate.WaitAsync(cancellation);
        try
        {
            if (_tiles.Count == 0)
                return $"{Path}: no tile, not written (PMTiles needs one)";
            _tiles.Sort((a, b) => a.TileId.CompareTo(b.TileId));
            var (entries, copies, dataLength) = Layout();
            var (root, leaves) = PmTilesDirectory.Build(entries);
            var metadata = PmTilesDirectory.Gzip(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
            {
                ["name"] = info.Name,
                ["description"] = info.Title,
                ["type"] = "overlay",
                ["format"] = info.Format.Extension,
            }));
            var header = new PmTilesHeader((ulong)_tiles.Count, (ulong)entries.Count, (ulong)copies.Count, _tileType, info.MinZoom, info.MaxZoom,
                info.Wgs84Bounds.MinX, info.Wgs84Bounds.MinY, info.Wgs84Bounds.MaxX, info.Wgs84Bounds.MaxY);
            await WriteArchiveAsync(PmTilesDirectory.Header(header, root.Length, metadata.Length, leaves.Length, dataLength), root, metadata, leaves, copies, cancellation);
            return $"{Path}: PMTiles with {_tiles.Count} tiles ({copies.Count} distinct), {(leaves.Length > 0 ? "root and leaf directories" : "one directory")}";
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _side.DisposeAsync();
        File.Delete(_sidePath);
        _gate.Dispose();
    }

    /// <summary>
    /// The directory entries (consecutive ids with the same bytes as one run) and the side file's pieces in archive order:
    /// each distinct content once, where its first tile id puts it.
    /// </summary>
    private (List<PmTilesEntry> Entries, List<(long Offset, int Length)> Copies, ulong DataLength) Layout()
    {
        var entries = new List<PmTilesEntry>();
        var copies = new List<(long, int)>();
        var placed = new Dictionary<long, ulong>();
        var dataLength = 0UL;
        foreach (var (id, sideOffset, length) in _tiles)
        {
            if (!placed.TryGetValue(sideOffset, out var offset))
            {
                offset = dataLength;
                placed.Add(sideOffset, offset);
                copies.Add((sideOffset, length));
                dataLength += (ulong)length;
            }
            if (entries.Count > 0 && entries[^1] is var last && last.Offset == offset && last.TileId + last.RunLength == id)
                entries[^1] = last with { RunLength = last.RunLength + 1 };
            else
                entries.Add(new PmTilesEntry(id, offset, (uint)length, 1));
        }
        return (entries, copies, dataLength);
    }

    private async Task WriteArchiveAsync(byte[] header, byte[] root, byte[] metadata, byte[] leaves, List<(long Offset, int Length)> copies, CancellationToken cancellation)
    {
        var partial = Path + ".partial";
        await using (var archive = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            foreach (var section in new[] { header, root, metadata, leaves })
                await archive.WriteAsync(section, cancellation);
            await _side.FlushAsync(cancellation);
            var buffer = ArrayPool<byte>.Shared.Rent(copies.Max(c => c.Length));
            try
            {
                foreach (var (offset, length) in copies)
                {
                    var tile = buffer.AsMemory(0, length);
                    if (await RandomAccess.ReadAsync(_side.SafeFileHandle, tile, offset, cancellation) != length)
                        throw new IOException($"{_sidePath} ends before the tile at {offset}");
                    await archive.WriteAsync(tile, cancellation);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        File.Move(partial, Path, overwrite: true);
    }

    /// <summary>Tiles with the same SHA-256 (its first 128 bits) are one content.</summary>
    private static UInt128 ContentKey(byte[] bytes)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }
}
