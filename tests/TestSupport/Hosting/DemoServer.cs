namespace OgcTiler.TestSupport.Hosting;

/// <summary>
/// A <see cref="ServerFactory"/> on the shipped config as an xUnit class fixture (a fixture type takes one public
/// constructor, the factory has two).
/// </summary>
public sealed class DemoServer : IDisposable
{
    public ServerFactory Server { get; } = new();

    public void Dispose() => Server.Dispose();
}
