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

    /// <summary>
    /// The values of <paramref name="keys"/> (in order, repeats allowed): those in <paramref name="entries"/> at once,
    /// the rest loaded by <paramref name="load"/> (called once with the indexes of the keys no other caller is loading;
    /// it returns their values and sizes, which are cached) or awaited from the caller loading them. A load its owner's
    /// cancellation abandoned is claimed again. <paramref name="looked"/> hears whether each lookup found its entry.
    /// </summary>
    public async Task<TValue[]> GetOrLoadAsync(ByteLru<TKey, TValue> entries, IReadOnlyList<TKey> keys,
        Func<IReadOnlyList<int>, CancellationToken, Task<(TValue Value, long Size)[]>> load, Action<bool> looked,
        CancellationToken cancellationToken)
    {
        var result = new TValue[keys.Count];
        var done = new bool[keys.Count];
        while (true)
        {
            var waits = new List<(int Index, Task<TValue> Load)>();
            var claims = new List<(int Index, TaskCompletionSource<TValue> Claim)>();
            for (var i = 0; i < keys.Count; i++)
            {
                if (done[i])
                    continue;
                var found = entries.TryGet(keys[i], out var cached);
                looked(found);
                if (found)
                {
                    (result[i], done[i]) = (cached!, true);
                    continue;
                }
                var claim = Claim(keys[i], out var pending);
                if (claim is not null && entries.TryGet(keys[i], out var justCached))
                    Complete(keys[i], claim, justCached);   // cached by a load that finished since the lookup
                else if (claim is not null)
                    claims.Add((i, claim));
                waits.Add((i, pending));
            }
            if (claims.Count > 0)
                await LoadClaimedAsync(entries, keys, claims, load, cancellationToken).ConfigureAwait(false);
            if (await CollectAsync(waits, result, done, cancellationToken).ConfigureAwait(false))
                return result;
        }
    }

    private async Task LoadClaimedAsync(ByteLru<TKey, TValue> entries, IReadOnlyList<TKey> keys, List<(int Index, TaskCompletionSource<TValue> Claim)> claims,
        Func<IReadOnlyList<int>, CancellationToken, Task<(TValue Value, long Size)[]>> load, CancellationToken cancellationToken)
    {
        (TValue Value, long Size)[] loaded;
        try
        {
            loaded = await load(claims.Select(c => c.Index).ToArray(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            foreach (var (index, claim) in claims)
                Fail(keys[index], claim, e, cancellationToken.IsCancellationRequested);
            throw;
        }
        for (var i = 0; i < claims.Count; i++)
        {
            var key = keys[claims[i].Index];
            entries.Set(key, loaded[i].Value, loaded[i].Size);
            Complete(key, claims[i].Claim, loaded[i].Value);
        }
    }

    /// <summary>False when a load was cancelled by the request that owned it: those keys are asked for again.</summary>
    private static async Task<bool> CollectAsync(List<(int Index, Task<TValue> Load)> waits, TValue[] result, bool[] done, CancellationToken cancellationToken)
    {
        var complete = true;
        foreach (var (index, load) in waits)
        {
            try
            {
                (result[index], done[index]) = (await load.WaitAsync(cancellationToken).ConfigureAwait(false), true);
            }
            catch (OperationCanceledException) when (load.IsCanceled && !cancellationToken.IsCancellationRequested)
            {
                complete = false;
            }
        }
        return complete;
    }

    private void Release(TKey key)
    {
        lock (_lock)
            _loads.Remove(key);
    }
}
