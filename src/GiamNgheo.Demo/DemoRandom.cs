namespace GiamNgheo.Demo;

/// A small explicit PRNG (SplitMix64) and hash, so demo data depend only on the seed and not on
/// <see cref="System.Random"/>'s implementation. Every draw is plain integer arithmetic.
internal sealed class DemoRng(ulong state)
{
    private ulong _state = state;

    public ulong NextULong()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return DemoHash.Mix(_state);
    }

    /// Uniform in [0, 1), 53 bits.
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// Uniform integer in [0, n).
    public int Below(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        return (int)(((NextULong() >> 32) * (ulong)n) >> 32);
    }

    /// Uniform integer in [min, max] (both inclusive).
    public int Between(int min, int max) => min + Below(max - min + 1);

    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    public bool Chance(double p) => NextDouble() < p;

    /// Approximately standard normal (Irwin–Hall sum of 12 uniforms; tails cut at ±6), arithmetic only.
    public double Normal()
    {
        var sum = 0.0;
        for (var k = 0; k < 12; k++) sum += NextDouble();
        return sum - 6.0;
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];

    /// Index drawn with the given non-negative weights.
    public int Weighted(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights) total += w;
        var x = NextDouble() * total;
        for (var k = 0; k < weights.Length; k++)
        {
            x -= weights[k];
            if (x < 0) return k;
        }
        return weights.Length - 1;
    }
}

internal static class DemoHash
{
    /// The SplitMix64 finaliser: a bijection on 64 bits with good avalanche.
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Of(ulong a, ulong b) => Mix(Mix(a + 0x9E3779B97F4A7C15UL) ^ (b * 0xD6E8FEB86659FD93UL + 0x632BE59BD9B4E019UL));

    public static ulong Of(ulong a, ulong b, ulong c) => Of(Of(a, b), c);

    public static ulong Of(ulong a, ulong b, ulong c, ulong d) => Of(Of(Of(a, b), c), d);

    /// FNV-1a over UTF-16 code units, then mixed: stable across runs and platforms (unlike string.GetHashCode).
    public static ulong Of(string s)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var ch in s)
        {
            h ^= ch;
            h *= 0x100000001B3UL;
        }
        return Mix(h);
    }

    /// Uniform in [0, 1) from a hash value.
    public static double Unit(ulong h) => (h >> 11) * (1.0 / (1UL << 53));
}

/// exp and log from IEEE arithmetic only (no libm), so thresholds drawn from them cannot differ
/// between platforms. Accuracy ~1e-15 relative, far more than the demo needs.
internal static class DemoMath
{
    private const double Ln2 = 0.6931471805599453;

    public static double Exp(double x)
    {
        if (x > 700) x = 700;
        if (x < -700) return 0;
        // x = k ln2 + r, |r| <= ln2 / 2; exp(r) by Taylor series (converges fast for |r| < 0.35).
        var k = (int)Math.Round(x / Ln2, MidpointRounding.ToEven);
        var r = x - k * Ln2;
        double term = 1, sum = 1;
        for (var n = 1; n < 20; n++)
        {
            term *= r / n;
            sum += term;
        }
        return Math.ScaleB(sum, k);
    }

    public static double Log(double x)
    {
        if (x <= 0) throw new ArgumentOutOfRangeException(nameof(x));
        // x = m 2^e with m in [1/sqrt2, sqrt2); log m = 2 atanh((m-1)/(m+1)).
        var e = Math.ILogB(x);
        var m = Math.ScaleB(x, -e);
        if (m > 1.4142135623730951) { m /= 2; e++; }
        var s = (m - 1) / (m + 1);
        var s2 = s * s;
        double term = s, sum = 0;
        for (var n = 1; n < 40; n += 2)
        {
            sum += term / n;
            term *= s2;
        }
        return 2 * sum + e * Ln2;
    }

    public static double Logistic(double x) => 1.0 / (1.0 + Exp(-x));

    public static double Clamp01(double x) => x < 0 ? 0 : x > 1 ? 1 : x;
}
