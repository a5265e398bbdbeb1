using BenchmarkDotNet.Running;

namespace OgcTiler.Bench;

public static class BenchProgram
{
    public static async Task Main(string[] args)
    {
        switch (args)
        {
            case ["png-sweep", var folder]:
                PngSweep.Run(folder);
                return;
            case ["cache-sweep", var cog, var tiles, .. var sizes]:
                await CacheSweep.RunAsync(cog, tiles, sizes.Select(int.Parse));
                return;
            case ["remote-sweep", var cog, var tiles, var decodedMb, var latencyMs, .. var compressedMb]:
                await RemoteSweep.RunAsync(cog, tiles, int.Parse(decodedMb), int.Parse(latencyMs), compressedMb.Select(int.Parse));
                return;
            case ["deflate-sweep"]:
                Rendering.PngDeflateBenchmarks.Sweep();
                return;
            case ["tile-sweep", var cog, var tiles]:
                await TileSweep.RunAsync(cog, tiles);
                return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
    }
}
