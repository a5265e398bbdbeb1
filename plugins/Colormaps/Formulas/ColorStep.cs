namespace OgcTiler.Plugins.Colormaps.Formulas;

[Flags]
internal enum Channels { None = 0, Red = 1, Green = 2, Blue = 4, All = Red | Green | Blue }

/// <summary>One operation of a color formula, applied in place to channels holding 0..1 in float64, as numpy's.</summary>
internal abstract class ColorStep
{
    public abstract void Apply(Span<double> red, Span<double> green, Span<double> blue);
}

/// <summary>Per-channel operations (gamma, sigmoidal) on the selected channels.</summary>
internal abstract class ChannelStep(Channels channels) : ColorStep
{
    public Channels Channels { get; } = channels;

    public sealed override void Apply(Span<double> red, Span<double> green, Span<double> blue)
    {
        if (Channels.HasFlag(Channels.Red))
            Apply(red);
        if (Channels.HasFlag(Channels.Green))
            Apply(green);
        if (Channels.HasFlag(Channels.Blue))
            Apply(blue);
    }

    private void Apply(Span<double> channel)
    {
        for (var i = 0; i < channel.Length; i++)
            channel[i] = Transform(channel[i]);
    }

    public abstract double Transform(double value);
}

/// <summary>rio-color's gamma: value^(1/g); g above 1 brightens.</summary>
internal sealed class GammaStep(Channels channels, double gamma) : ChannelStep(channels)
{
    private readonly double _exponent = 1.0 / gamma;

    public override double Transform(double value) => Math.Pow(value, _exponent);
}

/// <summary>
/// rio-color's sigmoidal contrast: a logistic curve of slope <c>contrast</c> centred on <c>bias</c>, scaled so 0 and 1
/// map to 0 and 1; a negative contrast applies the inverse curve, 0 leaves the values unchanged. The terms are
/// computed in color-operations' order, so float64 rounding (and the truncation after it) is the same.
/// </summary>
internal sealed class SigmoidalStep : ChannelStep
{
    /// <summary>numpy's float64 epsilon, which rio-color substitutes for a bias of 0.</summary>
    private const double BiasForZero = 2.220446049250313e-16;

    private readonly double _alpha;
    private readonly double _beta;

    public SigmoidalStep(Channels channels, double contrast, double bias)
        : base(channels)
    {
        _beta = contrast;
        _alpha = bias == 0 ? BiasForZero : bias;
    }

    public override double Transform(double value)
    {
        double alpha = _alpha, beta = _beta;
        if (beta == 0)
            return value;
        if (beta > 0)
        {
            var numerator = 1 / (1 + Math.Exp(beta * (alpha - value))) - 1 / (1 + Math.Exp(beta * alpha));
            var denominator = 1 / (1 + Math.Exp(beta * (alpha - 1))) - 1 / (1 + Math.Exp(beta * alpha));
            return numerator / denominator;
        }
        return (beta * alpha - Math.Log(1 / (value / (1 + Math.Exp(beta * alpha - beta)) - value / (1 + Math.Exp(beta * alpha))
            + 1 / (1 + Math.Exp(beta * alpha))) - 1)) / beta;
    }
}
