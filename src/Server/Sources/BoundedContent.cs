using System.Diagnostics;
using System.Net;
using OgcTiler.Abstractions.Errors;
using OgcTiler.Server.Configuration;

namespace OgcTiler.Server.Sources;

/// <summary>
/// A response body that must be read before the request's deadline and, after a grace period, at no less than
/// <c>MinBytesPerSecond</c> on average: a stalled or trickling upstream ends in an <see cref="UpstreamTimeoutException"/>.
/// Owns the deadline's token source.
/// </summary>
internal sealed class BoundedContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly CancellationTokenSource _deadline;
    private readonly UpstreamOptions _options;
    private readonly Uri _url;

    public BoundedContent(HttpContent inner, CancellationTokenSource deadline, UpstreamOptions options, Uri url)
    {
        _inner = inner;
        _deadline = deadline;
        _options = options;
        _url = url;
        foreach (var (name, values) in inner.Headers)
            Headers.TryAddWithoutValidation(name, values);
    }

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new BoundedStream(await _inner.ReadAsStreamAsync(cancellationToken), _deadline.Token, _options, _url);

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var body = await CreateContentReadStreamAsync(cancellationToken);
        await body.CopyToAsync(stream, cancellationToken);
    }

    /// <summary>Unknown beyond the upstream's Content-Length header, which was copied.</summary>
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _deadline.Dispose();
        }
        base.Dispose(disposing);
    }

    private sealed class BoundedStream(Stream inner, CancellationToken deadline, UpstreamOptions options, Uri url) : Stream
    {
        /// <summary>Time a body may take to get up to speed before the minimum rate applies.</summary>
        private static readonly TimeSpan RateGrace = TimeSpan.FromSeconds(2);

        private readonly long _start = Stopwatch.GetTimestamp();
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var slow = CancellationTokenSource.CreateLinkedTokenSource(deadline, cancellationToken);
            if (options.MinBytesPerSecond > 0)
                slow.CancelAfter(TimeForNextByte());
            try
            {
                var read = await inner.ReadAsync(buffer, cancellationToken: slow.Token);
                _read += read;
                return read;
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw deadline.IsCancellationRequested
                    ? new UpstreamTimeoutException($"{url}: the response took longer than {options.RequestTimeout.TotalSeconds:0.###} s (Sources:RequestTimeoutSeconds)", e)
                    : new UpstreamTimeoutException($"{url}: the response body came slower than {options.MinBytesPerSecond} bytes/s (Sources:MinBytesPerSecond)", e);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await base.DisposeAsync();
        }

        /// <summary>How long the next read may wait: until the average rate, counting one more byte, drops below the minimum.</summary>
        private TimeSpan TimeForNextByte()
        {
            var allowed = RateGrace + TimeSpan.FromSeconds((_read + 1.0) / options.MinBytesPerSecond);
            var left = allowed - Stopwatch.GetElapsedTime(_start);
            return left > TimeSpan.FromMilliseconds(1) ? left : TimeSpan.FromMilliseconds(1);
        }
    }
}
