using GiamNgheo.Domain.Units;

namespace GiamNgheo.Domain.Households;

/// What the surveyor saw of one household in one review year (Circular 07/2021/TT-BLĐTBXH, Phiếu B):
/// the facts the Decree 07/2021 indicators are computed from, never the flags themselves.
/// Null means "not recorded": an empty cell is not a "Không".
public sealed record HouseholdFacts
{
    public required string Hamlet { get; init; }
    public string? Address { get; init; }
    public string? Phone { get; init; }
    /// Null: the commune's area applies.
    public Area? Area { get; init; }
    /// Total income of the household over the last 12 months, VND.
    public decimal? Income12Months { get; init; }
    public decimal? HousingAreaM2 { get; init; }
    public bool? DurableWalls { get; init; }
    public bool? DurableFrame { get; init; }
    public bool? DurableRoof { get; init; }
    public WaterSource? Water { get; init; }
    public LatrineType? Latrine { get; init; }
    public bool? UsesTelecom { get; init; }
    public bool? HasTv { get; init; }
    public bool? HasRadio { get; init; }
    public bool? HasComputer { get; init; }
    public bool? HasInternetPhone { get; init; }
    public bool? LoudspeakerReach { get; init; }
}

/// A person as registered in one review year: identity fields (name, sex, birth, ID, ethnicity) and
/// the yearly situation (school, insurance, work …) that the indicators read.
public sealed record MemberFacts
{
    public required string FullName { get; init; }
    public required Sex Sex { get; init; }
    public required DateOnly DateOfBirth { get; init; }
    public required Relation Relation { get; init; }
    public string? CitizenId { get; init; }
    public required string EthnicCode { get; init; }
    public Education? Education { get; init; }
    public bool? InSchool { get; init; }
    public bool? HealthInsurance { get; init; }
    public Employment? Employment { get; init; }
    public bool? Disability { get; init; }
    public bool? Meritorious { get; init; }
    public bool? SocialProtection { get; init; }
    public bool? Malnourished { get; init; }
}
