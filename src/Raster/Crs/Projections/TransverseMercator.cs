using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Projections;
using ProjNet.CoordinateSystems.Transformations;

namespace OgcTiler.Raster.Crs.Projections;

/// <summary>
/// Ellipsoidal Transverse Mercator (EPSG method 9807) with Krüger's series to order n⁶ (Karney 2011, the algorithm
/// PROJ uses by default). ProjNET's own Snyder series drifts by centimetres 9° from the central meridian, which UTM
/// tile sets reach; this stays at the nanometre level across a zone and millimetres far beyond it.
/// </summary>
internal sealed class TransverseMercator : MapProjection
{
    private const int MaxIterations = 10;

    private readonly double _ak0;   // k0 · A (rectifying radius)
    private readonly double _xi0;   // ξ of the latitude of origin
    private readonly double[] _alpha;
    private readonly double[] _beta;

    public TransverseMercator(IEnumerable<ProjectionParameter> parameters)
        : this(parameters, null)
    {
    }

    private TransverseMercator(IEnumerable<ProjectionParameter> parameters, TransverseMercator? inverse)
        : base(parameters, inverse)
    {
        var f = 1 - _semiMinor / _semiMajor;
        var n = f / (2 - f);
        double n2 = n * n, n3 = n2 * n, n4 = n3 * n, n5 = n4 * n, n6 = n5 * n;
        _ak0 = scale_factor * _semiMajor / (1 + n) * (1 + n2 / 4 + n4 / 64 + n6 / 256);
        _alpha =
        [
            n / 2 - 2 * n2 / 3 + 5 * n3 / 16 + 41 * n4 / 180 - 127 * n5 / 288 + 7891 * n6 / 37800,
            13 * n2 / 48 - 3 * n3 / 5 + 557 * n4 / 1440 + 281 * n5 / 630 - 1983433 * n6 / 1935360,
            61 * n3 / 240 - 103 * n4 / 140 + 15061 * n5 / 26880 + 167603 * n6 / 181440,
            49561 * n4 / 161280 - 179 * n5 / 168 + 6601661 * n6 / 7257600,
            34729 * n5 / 80640 - 3418889 * n6 / 1995840,
            212378941 * n6 / 319334400,
        ];
        _beta =
        [
            n / 2 - 2 * n2 / 3 + 37 * n3 / 96 - n4 / 360 - 81 * n5 / 512 + 96199 * n6 / 604800,
            n2 / 48 + n3 / 15 - 437 * n4 / 1440 + 46 * n5 / 105 - 1118711 * n6 / 3870720,
            17 * n3 / 480 - 37 * n4 / 840 - 209 * n5 / 4480 + 5569 * n6 / 90720,
            4397 * n4 / 161280 - 11 * n5 / 504 - 830251 * n6 / 7257600,
            4583 * n5 / 161280 - 108847 * n6 / 3991680,
            20648693 * n6 / 638668800,
        ];
        var chi0 = Math.Atan(ConformalTan(Math.Tan(lat_origin)));
        _xi0 = Series(_alpha, chi0, 0).Xi;
    }

    public override MathTransform Inverse() => _inverse ??= new TransverseMercator(_Parameters.ToProjectionParameter(), this);

    protected override void RadiansToMeters(ref double lon, ref double lat)
    {
        var lambda = Math.IEEERemainder(lon - central_meridian, 2 * Math.PI);
        var tauPrime = ConformalTan(Math.Tan(lat));
        var cosLambda = Math.Cos(lambda);
        var xiPrime = Math.Atan2(tauPrime, cosLambda);
        var etaPrime = Math.Asinh(Math.Sin(lambda) / Math.Sqrt(tauPrime * tauPrime + cosLambda * cosLambda));
        var (xi, eta) = Series(_alpha, xiPrime, etaPrime);
        lon = _ak0 * eta;
        lat = _ak0 * (xi - _xi0);
    }

    protected override void MetersToRadians(ref double x, ref double y)
    {
        var xi = y / _ak0 + _xi0;
        var eta = x / _ak0;
        var (xiSum, etaSum) = Series(_beta, xi, eta);
        var xiPrime = 2 * xi - xiSum;   // ξ' = ξ − Σ βj sin(2jξ) cosh(2jη)
        var etaPrime = 2 * eta - etaSum;
        var sinhEta = Math.Sinh(etaPrime);
        var cosXi = Math.Cos(xiPrime);
        var tauPrime = Math.Sin(xiPrime) / Math.Sqrt(sinhEta * sinhEta + cosXi * cosXi);
        x = central_meridian + Math.Atan2(sinhEta, cosXi);
        y = Math.Atan(GeodeticTan(tauPrime));
    }

    /// <summary>(ξ' + Σ cj sin(2jξ') cosh(2jη'), η' + Σ cj cos(2jξ') sinh(2jη')).</summary>
    private static (double Xi, double Eta) Series(double[] c, double xi, double eta)
    {
        double sumXi = xi, sumEta = eta;
        for (var j = 1; j <= c.Length; j++)
        {
            var k = 2 * j;
            sumXi += c[j - 1] * Math.Sin(k * xi) * Math.Cosh(k * eta);
            sumEta += c[j - 1] * Math.Cos(k * xi) * Math.Sinh(k * eta);
        }
        return (sumXi, sumEta);
    }

    /// <summary>tan of the conformal latitude from tan of the geodetic latitude.</summary>
    private double ConformalTan(double tau)
    {
        var root = Math.Sqrt(1 + tau * tau);
        var sigma = Math.Sinh(_e * Math.Atanh(_e * tau / root));
        return tau * Math.Sqrt(1 + sigma * sigma) - sigma * root;
    }

    /// <summary>tan of the geodetic latitude from tan of the conformal latitude, by Newton's method.</summary>
    private double GeodeticTan(double tauPrime)
    {
        var tau = tauPrime;
        for (var i = 0; i < MaxIterations; i++)
        {
            var guess = ConformalTan(tau);
            var delta = (tauPrime - guess) / Math.Sqrt(1 + guess * guess)
                * (1 + (1 - _es) * tau * tau) / ((1 - _es) * Math.Sqrt(1 + tau * tau));
            tau += delta;
            if (Math.Abs(delta) < 1e-14 * Math.Max(1, Math.Abs(tau)))
                break;
        }
        return tau;
    }
}
