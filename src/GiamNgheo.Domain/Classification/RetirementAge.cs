using GiamNgheo.Domain.Households;

namespace GiamNgheo.Domain.Classification;

/// The retirement age under normal working conditions, which the Labour Code 2019 (Art. 169 cl. 2) raises step by
/// step from 2021: men 60 years 3 months in 2021, then 3 months more each year up to 62 in 2028; women 55 years
/// 4 months in 2021, then 4 months more each year up to 60 in 2035 (Decree 135/2020/NĐ-CP Art. 4; the schedule as
/// published, see reference-data/standards/README.md). Before 2021: 60 and 55.
public static class RetirementAge
{
    /// The retirement age in months for someone who reaches it in <paramref name="year"/>.
    public static int Months(Sex sex, int year)
    {
        var steps = Math.Max(0, year - 2020);
        return sex == Sex.Female ? Math.Min(55 * 12 + 4 * steps, 60 * 12) : Math.Min(60 * 12 + 3 * steps, 62 * 12);
    }
}
