using System.Diagnostics.CodeAnalysis;

namespace OgcTiler.Raster.Io;

/// <summary>
/// A least-recently-used map bounded by the byte sizes its entries declare: admitting an entry evicts the least
/// recently used ones until the total fits, so the limit always holds and new entries are always kept (unless one alone
/// is larger than the limit). Entries may expire. Thread-safe; every operation is O(1) under one lock.
/// </summary>
/// <remarks>Hand-written: the served caches bound by entry count (BitFaster.Caching) or refuse entries while over the
/// limit and compact in the background (Microsoft.Extensions.Caching.Memory).</remarks>
internal sealed class ByteLru<TKey, TValue>(long capacityBytes, TimeProvider time) where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();   // most recently used first
    private readonly Lock _lock = new();
    private long _bytes;

    public long CapacityBytes { get; } = capacityBytes > 0 ? capacityBytes : throw new ArgumentOutOfRangeException(nameof(capacityBytes));

    public long Bytes
    {
        get { lock (_lock) return _bytes; }
    }

    public int Count
    {
        get { lock (_lock) return _entries.Count; }
    }

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                if (node.Value.ExpiresAt is { } expiresAt && expiresAt <= time.GetUtcNow())
                {
                    RemoveNode(node);
                }
                else
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    value = node.Value.Value;
                    return true;
                }
            }
        }
        value = default;
        return false;
    }

    /// <summary>Adds or replaces the entry of <paramref name="key"/> as the most recently used one.</summary>
    public void Set(TKey key, TValue value, long sizeBytes, DateTimeOffset? expiresAt = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeBytes);
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var old))
                RemoveNode(old);
            if (sizeBytes > CapacityBytes)
                return;
            while (_bytes + sizeBytes > CapacityBytes)
                RemoveNode(_recency.Last!);
            _entries[key] = _recency.AddFirst(new Entry(key, value, sizeBytes, expiresAt));
            _bytes += sizeBytes;
        }
    }

    public bool Remove(TKey key)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var node))
                return false;
            RemoveNode(node);
            return true;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _recency.Clear();
            _bytes = 0;
        }
    }

    private void RemoveNode(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Key);
        _bytes -= node.Value.Size;
    }

    private sealed record Entry(TKey Key, TValue Value, long Size, DateTimeOffset? ExpiresAt);
}
