namespace OgcTiler.Server.Ogc.Common;

/// <summary>Config section <c>Ogc</c>: the largest WMS picture (4096 × 4096 by default).</summary>
internal sealed record OgcOptions(int MaxWidth = 4096, int MaxHeight = 4096);
