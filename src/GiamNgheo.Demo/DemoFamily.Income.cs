namespace GiamNgheo.Demo;

/// Income and housing of a household in a review year.
internal sealed partial class DemoFamily
{
    // ---------------------------------------------------------------- income and housing

    /// log(income per person per month / poverty line) in the year of the review date.
    public static double IncomeRatioLog(DemoHousehold hh, DateOnly review)
    {
        var n = hh.Members.Count;
        var dependants = 0;
        foreach (var m in hh.Members)
        {
            var age = m.AgeAt(review);
            if (age < 15 || age >= 60 || (m.SevereDisability && age >= m.DisabilityOnsetAge)) dependants++;
        }
        var share = n == 0 ? 0 : (double)dependants / n;
        return hh.Level + 0.3 * hh.Eps - 0.6 * (share - 0.35);
    }

    // Probability that a housing/information fact is deprived: logistic in commune hardship h and
    // r = log(income per person / line), plus the household's living-standard factor. Calibrated so that
    // few non-poor lowland households are deprived and most poor mountain households have several.
    private static double P(double a, double b, double c, double h, double r, DemoHousehold hh) =>
        DemoMath.Logistic(a + b * h - c * r - 0.6 * hh.Standard);

    private static double PNonDurable(double h, double r, DemoHousehold hh) => P(-1.2, 1.6, 2.6, h, r, hh);
    private static double PUnclean(double h, double r, DemoHousehold hh) => P(-2.2, 2.4, 2.2, h, r, hh);
    private static double PUnhygienic(double h, double r, DemoHousehold hh) => P(-1.1, 2.4, 2.2, h, r, hh);
    private static double PNoTelecom(double h, double r, DemoHousehold hh) => P(-2.7, 1.5, 2.2, h, r, hh);
    private static double PNoInfo(double h, double r, DemoHousehold hh) => P(-2.7, 1.5, 2.2, h, r, hh);

    private void InitHousing(DemoHousehold hh, DemoRng rng, double r)
    {
        var h = _setup.Communes[hh.Commune].Hardship;
        hh.UDurable = rng.NextDouble();
        hh.UWater = rng.NextDouble();
        hh.ULatrine = rng.NextDouble();
        hh.UTelecom = rng.NextDouble();
        hh.UInfo = 0.5 * hh.UTelecom + 0.5 * rng.NextDouble();
        hh.UPattern = rng.NextDouble();
        hh.UWaterType = rng.NextDouble();
        hh.ULatrineType = rng.NextDouble();
        hh.UTv = rng.NextDouble();
        hh.UPhone = rng.NextDouble();
        hh.UComputer = rng.NextDouble();
        hh.URadio = rng.NextDouble();
        hh.ULoudspeaker = rng.NextDouble();
        hh.UUninsured = rng.NextDouble();
        hh.NonDurable = hh.UDurable < PNonDurable(h, r, hh);
        hh.UncleanWater = hh.UWater < PUnclean(h, r, hh);
        hh.UnhygienicLatrine = hh.ULatrine < PUnhygienic(h, r, hh);
        hh.NoTelecom = hh.UTelecom < PNoTelecom(h, r, hh);
        hh.NoInfo = hh.UInfo < PNoInfo(h, r, hh);
        hh.AreaM2 = NewArea(rng, h, r, Math.Max(hh.Members.Count, 2));
    }

    private static int NewArea(DemoRng rng, double h, double r, int persons)
    {
        var perPerson = 8 * DemoMath.Exp(0.95 + 0.3 * Math.Clamp(r, -1.5, 3) - 0.35 * h + 0.35 * rng.Normal());
        return Math.Clamp((int)Math.Round(perPerson * persons), 8, 600);
    }

    private void UpdateHousing(DemoHousehold hh, DemoRng rng, double r)
    {
        var h = _setup.Communes[hh.Commune].Hardship;
        // Improvements follow income with a lag; rarely a disaster destroys a durable house.
        if (hh.NonDurable && hh.UDurable >= PNonDurable(h, r, hh) && rng.Chance(0.6))
        {
            hh.NonDurable = false;
            hh.AreaM2 = Math.Max(hh.AreaM2, NewArea(rng, h, r, hh.Members.Count));
        }
        else if (!hh.NonDurable && rng.Chance(0.002 + 0.004 * h)) hh.NonDurable = true;
        else if (!hh.NonDurable && r > 1 && rng.Chance(0.03)) hh.AreaM2 = Math.Min(600, (int)Math.Round(hh.AreaM2 * rng.Uniform(1.2, 1.5)));
        if (hh.UncleanWater && hh.UWater >= PUnclean(h, r, hh) && rng.Chance(0.6)) hh.UncleanWater = false;
        if (hh.UnhygienicLatrine && hh.ULatrine >= PUnhygienic(h, r, hh) && rng.Chance(0.6)) hh.UnhygienicLatrine = false;
        if (hh.NoTelecom && hh.UTelecom >= PNoTelecom(h, r, hh) && rng.Chance(0.7)) hh.NoTelecom = false;
        if (hh.NoInfo && hh.UInfo >= PNoInfo(h, r, hh) && rng.Chance(0.7)) hh.NoInfo = false;
    }
}
