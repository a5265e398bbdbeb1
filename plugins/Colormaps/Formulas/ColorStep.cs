namespace OgcTiler.Plugins.Colormaps.Formulas;

[Flags]
internal enum Channels { None = 0, Red = 1, Green = 2, Blue = 4, All = Red | Green | Blue }

/// <summary>One operation of a color formula, applied in place to channels holding 0..1.</summary>
internal abstract class ColorStep
{
    public abstract void Apply(Span<float> red, Span<float> green, Span<float> blue);

    protected static float Clamp01(double value) => double.IsNaN(value) ? 0f : (float)Math.Clamp(value, 0.0, 1.0);
}

/// <summary>Per-channel operations (gamma, sigmoidal) on the selected channels.</summary>
internal abstract class ChannelStep(Channels channels) : ColorStep
{
    public Channels Channels { get; } = channels;

    public sealed override void Apply(Span<float> red, Span<float> green, Span<float> blue)
    {
        if (Channels.HasFlag(Channels.Red))
            Apply(red);
        if (Channels.HasFlag(Channels.Green))
            Apply(green);
        if (Channels.HasFlag(Channels.Blue))
            Apply(blue);
    }

    private void Apply(Span<float> channel)
    {
        for (var i = 0; i < channel.Length; i++)
            channel[i] = Clamp01(Transform(channel[i]));
    }

    protected abstract double Transform(double value);
}

/// <summary>rio-color's gamma: value^(1/g); g above 1 brightens.</summary>
internal sealed class GammaStep(Channels channels, double gamma) : ChannelStep(channels)
{
    private readonly double _exponent = 1.0 / gamma;

    protected override double Transform(double value) => Math.Pow(value, _exponent);
}

/// <summary>
/// rio-color's sigmoidal contrast: a logistic curve of slope <c>contrast</c> centred on <c>bias</c>, scaled so 0 and 1
/// map to 0 and 1; a negative contrast applies the inverse curve, 0 leaves the values unchanged.
/// </summary>
internal sealed class SigmoidalStep : ChannelStep
{
    /// <summary>numpy's float64 epsilon, which rio-color substitutes for a bias of 0.</summary>
    private const double BiasForZero = 2.220446049250313e-16;

    private readonly double _alpha;
    private readonly double _beta;
    private readonly double _low;
    private readonly double _high;

    public SigmoidalStep(Channels channels, double contrast, double bias)
        : base(channels)
    {
        _beta = contrast;
        _alpha = bias == 0 ? BiasForZero : bias;
        _low = 1 / (1 + Math.Exp(_beta * _alpha));
        _high = 1 / (1 + Math.Exp(_beta * (_alpha - 1)));
    }

    protected override double Transform(double value)
    {
        if (_beta == 0)
            return value;
        if (_beta > 0)
            return (1 / (1 + Math.Exp(_beta * (_alpha - value))) - _low) / (_high - _low);
        var inner = value / (1 + Math.Exp(_beta * _alpha - _beta)) - value * _low + _low;
        return (_beta * _alpha - Math.Log(1 / inner - 1)) / _beta;
    }
}
