namespace OgcTiler.Plugins.Expressions.Compilation;

/// <summary>
/// A compiled expression loop. <paramref name="inputs"/> and <paramref name="outputs"/> hold pinned float pointers,
/// <paramref name="mask"/> a pinned byte pointer; <paramref name="length"/> is a multiple of 8.
/// </summary>
internal delegate void Kernel(nint[] inputs, nint[] outputs, nint mask, int length);
