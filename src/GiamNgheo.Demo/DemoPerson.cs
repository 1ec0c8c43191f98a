using GiamNgheo.Domain.Households;

namespace GiamNgheo.Demo;

/// A synthetic person. Identity (name, sex, birth date, ID, ethnicity) never changes; the yearly
/// situation (education, school, insurance, work …) is derived from stable traits and the year.
internal sealed class DemoPerson
{
    public required string FamilyName { get; init; }
    public required string FullName { get; init; }
    public required Sex Sex { get; init; }
    public required DateOnly DateOfBirth { get; init; }
    public required DemoNames.Group Ethnic { get; init; }
    /// Generation relative to the family's founding head (0): parents −1, children +1 …; relations are
    /// computed from generations and parent/spouse links against whoever is head in a given year.
    public required int Generation { get; init; }
    public DemoPerson? Parent { get; init; }
    public DemoPerson? Spouse { get; set; }
    /// The household the person lives in; null once dead or gone.
    public DemoHousehold? Home { get; set; }
    public required ulong Seed { get; init; }
    public string? CitizenId { get; init; }
    /// The ID is shown from this age on (int.MaxValue: never registered in the demo).
    public int IdFromAge { get; init; }
    public Education EducationTarget { get; init; }
    /// Age (in years on the review date) at which the person stops attending school.
    public int SchoolLeaveAge { get; init; }
    public bool Preschool { get; init; }
    public int DisabilityOnsetAge { get; init; } = int.MaxValue;
    public bool SevereDisability { get; init; }
    public bool Meritorious { get; init; }
    public double InsuranceU { get; init; }
    public double EmploymentU { get; init; }
    public double PensionU { get; init; }

    public int AgeAt(DateOnly date)
    {
        var age = date.Year - DateOfBirth.Year;
        if (date < DateOfBirth.AddYears(age)) age--;
        return age;
    }

    public int AgeMonthsAt(DateOnly date) =>
        (date.Year - DateOfBirth.Year) * 12 + date.Month - DateOfBirth.Month - (date.Day < DateOfBirth.Day ? 1 : 0);
}
