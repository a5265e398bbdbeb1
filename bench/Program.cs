using BenchmarkDotNet.Running;

namespace OgcTiler.Bench;

public static class BenchProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
}
