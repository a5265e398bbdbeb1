using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace OgcTiler.TestSupport;

/// <summary>
/// A program started by <see cref="ExternalProcess.Start"/>: both streams are drained as it writes (a full pipe would
/// block it), its output lines can be awaited, and disposing kills it and its children.
/// </summary>
public sealed class RunningProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _error = new();

    internal RunningProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                _lines.Writer.TryComplete();
            else
                _lines.Writer.TryWrite(e.Data);
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_error)
                _error.AppendLine(e.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The first output line <paramref name="match"/> accepts, within <paramref name="bound"/>.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        await foreach (var line in _lines.Reader.ReadAllAsync(timeout.Token))
        {
            if (match(line))
                return line;
        }
        await _process.WaitForExitAsync(timeout.Token); // the error stream is complete once the program has ended
        lock (_error)
            throw new InvalidOperationException($"{_process.StartInfo.FileName} ended before writing the awaited line: {_error}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}
