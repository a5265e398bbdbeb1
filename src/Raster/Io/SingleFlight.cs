namespace OgcTiler.Raster.Io;

/// <summary>
/// Loads in progress, by key: the first caller of a key claims its load, later callers wait for the same task, so
/// concurrent requests for one block or header cause one read.
/// </summary>
internal sealed class SingleFlight<TKey, TValue> where TKey : notnull
{
    private readonly Dictionary<TKey, Task<TValue>> _loads = [];
    private readonly Lock _lock = new();

    /// <summary>
    /// Null and the pending load when another caller loads <paramref name="key"/>; otherwise a claim the caller must
    /// settle with <see cref="Complete"/> or <see cref="Fail"/>, and the claim's task in <paramref name="pending"/>.
    /// </summary>
    public TaskCompletionSource<TValue>? Claim(TKey key, out Task<TValue> pending)
    {
        lock (_lock)
        {
            if (_loads.TryGetValue(key, out var existing))
            {
                pending = existing;
                return null;
            }
            var claim = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
            _loads[key] = pending = claim.Task;
            return claim;
        }
    }

    public void Complete(TKey key, TaskCompletionSource<TValue> claim, TValue value)
    {
        Release(key);
        claim.TrySetResult(value);
    }

    /// <summary>
    /// Waiters see the error, or a cancelled task when the owner's own request was cancelled (they should claim again).
    /// </summary>
    public void Fail(TKey key, TaskCompletionSource<TValue> claim, Exception error, bool ownerCancelled)
    {
        Release(key);
        if (ownerCancelled)
            claim.TrySetCanceled();
        else
            claim.TrySetException(error);
    }

    private void Release(TKey key)
    {
        lock (_lock)
            _loads.Remove(key);
    }
}
