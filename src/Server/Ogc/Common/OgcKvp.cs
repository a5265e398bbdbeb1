using System.Collections.Frozen;

namespace OgcTiler.Server.Ogc.Common;

/// <summary>
/// The KVP parameters of an OGC request: names are case-insensitive, values are kept exactly as sent (case-sensitive).
/// A repeated parameter keeps its first value.
/// </summary>
internal sealed class OgcKvp
{
    private readonly FrozenDictionary<string, string> _values;

    public OgcKvp(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in pairs)
            values.TryAdd(name, value);
        _values = values.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public static OgcKvp From(IQueryCollection query) =>
        new(query.Select(q => new KeyValuePair<string, string>(q.Key, q.Value.FirstOrDefault() ?? "")));

    /// <summary>The value, or null when the parameter is absent (an empty value is returned as "").</summary>
    public string? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;

    /// <summary>The value; absent or empty is MissingParameterValue with the parameter as locator.</summary>
    public string Require(string name)
    {
        var value = Get(name);
        return string.IsNullOrEmpty(value) ? throw OgcException.Missing(name) : value;
    }

    public int RequireInt(string name)
    {
        var text = Require(name);
        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw OgcException.Invalid(name, $"parameter '{name}' must be an integer, got '{text}'");
    }

    /// <summary>
    /// Checks SERVICE: absent → MissingParameterValue, another service → InvalidParameterValue. The value is compared
    /// case-insensitively: clients copy it from URLs (QGIS matches "SERVICE=WMTS" in any case).
    /// </summary>
    public void RequireService(string service, string serviceParameter = "service")
    {
        var value = Require(serviceParameter);
        if (!string.Equals(value, service, StringComparison.OrdinalIgnoreCase))
            throw OgcException.Invalid(serviceParameter, $"service '{value}' is not offered here (expected {service})");
    }
}
