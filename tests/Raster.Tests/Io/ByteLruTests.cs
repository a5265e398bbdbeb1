using OgcTiler.Raster.Io;

namespace OgcTiler.Raster.Tests.Io;

public sealed class ByteLruTests
{
    [Fact]
    public void Set_OverTheLimit_EvictsTheLeastRecentlyUsed()
    {
        var lru = new ByteLru<string, int>(30, TimeProvider.System);
        lru.Set("a", 1, 10);
        lru.Set("b", 2, 10);
        lru.Set("c", 3, 10);
        Assert.True(lru.TryGet("a", out _));   // a becomes the most recent; b is now the oldest

        lru.Set("d", 4, 10);

        Assert.False(lru.TryGet("b", out _));
        Assert.True(lru.TryGet("a", out var a) && a == 1);
        Assert.True(lru.TryGet("c", out _));
        Assert.True(lru.TryGet("d", out _));
        Assert.Equal(30, lru.Bytes);
    }

    [Fact]
    public void Set_ManySizes_NeverExceedsTheLimitAndAlwaysKeepsTheNewEntry()
    {
        var lru = new ByteLru<int, int>(1000, TimeProvider.System);
        var random = new Random(7);
        for (var i = 0; i < 5000; i++)
        {
            var size = random.Next(1, 300);
            lru.Set(random.Next(200), i, size);
            Assert.InRange(lru.Bytes, size, 1000);
        }
        Assert.InRange(lru.Count, 4, 1000);
    }

    [Fact]
    public void Set_ReplacingAKey_CountsOnlyTheNewSize()
    {
        var lru = new ByteLru<string, int>(100, TimeProvider.System);
        lru.Set("a", 1, 60);
        lru.Set("a", 2, 30);

        Assert.Equal(30, lru.Bytes);
        Assert.True(lru.TryGet("a", out var value) && value == 2);
    }

    [Fact]
    public void Set_EntryLargerThanTheLimit_IsNotKeptAndEvictsNothing()
    {
        var lru = new ByteLru<string, int>(100, TimeProvider.System);
        lru.Set("small", 1, 50);

        lru.Set("huge", 2, 101);

        Assert.False(lru.TryGet("huge", out _));
        Assert.True(lru.TryGet("small", out _));
    }

    [Fact]
    public void TryGet_AfterExpiry_MissesAndFreesTheBytes()
    {
        var clock = new ManualClock();
        var lru = new ByteLru<string, int>(100, clock);
        lru.Set("header", 1, 40, clock.GetUtcNow().AddMinutes(5));

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.True(lru.TryGet("header", out _));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(lru.TryGet("header", out _));
        Assert.Equal(0, lru.Bytes);
    }

    [Fact]
    public void Remove_DropsTheEntry()
    {
        var lru = new ByteLru<string, int>(100, TimeProvider.System);
        lru.Set("a", 1, 10);

        Assert.True(lru.Remove("a"));
        Assert.False(lru.Remove("a"));
        Assert.Equal(0, lru.Bytes);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
