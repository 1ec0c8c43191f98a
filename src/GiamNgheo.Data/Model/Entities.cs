using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;

namespace GiamNgheo.Data.Model;

/// A unit as it stood in one period: code + validity is the identity (see Domain/Units/Unit.cs).
public sealed class Unit
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// Name without diacritics, lower case: "luc nam" finds "Huyện Lục Nam".
    public required string FoldedName { get; set; }
    public UnitLevel Level { get; set; }
    public required string Type { get; set; }
    public long? ParentId { get; set; }
    public Unit? Parent { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    /// Urban/rural for the income line; defaults from the type, can be set per commune.
    public Area Area { get; set; }
}

/// 2024 commune → 1 July 2025 commune, as in reference-data/admin-units/lineage-2025.csv.
public sealed class UnitLineage
{
    public long OldUnitId { get; set; }
    public long NewUnitId { get; set; }
    /// full | partial
    public required string MergeType { get; set; }
    /// code | code-successor | inferred-name | inferred-single-changed
    public required string Basis { get; set; }
}

public sealed class EthnicGroupRow
{
    public required string Code { get; set; }
    public required string Name { get; set; }
}

/// The stable identity of a household: it survives years and the 2025 unit change.
public sealed class Household
{
    public long Id { get; set; }
    /// The household's code in the commune's list; unique in the registry and kept across years.
    public required string Code { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<HouseholdYear> Years { get; set; } = [];
}

/// The facts of one household in one review year, with the unit as it was that year.
public sealed class HouseholdYear
{
    public long HouseholdId { get; set; }
    public Household? Household { get; set; }
    public int Year { get; set; }
    public long UnitId { get; set; }
    public Unit? Unit { get; set; }
    public required string Hamlet { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public Area Area { get; set; }
    public bool AreaFromUnit { get; set; }
    public long? Income12Months { get; set; }
    public double? HousingAreaM2 { get; set; }
    public bool? DurableWalls { get; set; }
    public bool? DurableFrame { get; set; }
    public bool? DurableRoof { get; set; }
    public WaterSource? Water { get; set; }
    public LatrineType? Latrine { get; set; }
    public bool? UsesTelecom { get; set; }
    public bool? HasTv { get; set; }
    public bool? HasRadio { get; set; }
    public bool? HasComputer { get; set; }
    public bool? HasInternetPhone { get; set; }
    public bool? LoudspeakerReach { get; set; }
    public int MemberCount { get; set; }
    public string? HeadName { get; set; }
    public List<Membership> Members { get; set; } = [];
}

/// A person: stable across years and households (a split or a move keeps the person).
public sealed class Person
{
    public long Id { get; set; }
    public required string FullName { get; set; }
    public Sex Sex { get; set; }
    public DateOnly DateOfBirth { get; set; }
    public string? CitizenId { get; set; }
    public required string EthnicCode { get; set; }
}

/// A person's membership of a household in one review year, with that year's situation.
public sealed class Membership
{
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    public long HouseholdId { get; set; }
    public int Year { get; set; }
    public HouseholdYear? HouseholdYear { get; set; }
    public int Position { get; set; }
    public Relation Relation { get; set; }
    public Education? Education { get; set; }
    public bool? InSchool { get; set; }
    public bool? HealthInsurance { get; set; }
    public Employment? Employment { get; set; }
    public bool? Disability { get; set; }
    public bool? Meritorious { get; set; }
    public bool? SocialProtection { get; set; }
    public bool? Malnourished { get; set; }
}

/// Every change to the registry, who made it and what it was. Append-only.
public sealed class ChangeRecord
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string Subject { get; set; }
    public required string Summary { get; set; }
}

/// A household's computed category in one review year under one standard. A proposal for the commune's
/// review, not the approved status. Rewritten only when the facts or the standard change (InputsHash).
public sealed class ClassificationResult
{
    public long HouseholdId { get; set; }
    public int Year { get; set; }
    public required string StandardId { get; set; }
    public int Category { get; set; }
    public long? IncomePerPersonMonth { get; set; }
    public long PovertyLine { get; set; }
    public Area Area { get; set; }
    public int Deprivations { get; set; }
    public int Unknown { get; set; }
    /// Codes of the deprived indicators, comma-separated (e.g. "D07-08,D07-09").
    public required string DeprivedIndicators { get; set; }
    public required string InputsHash { get; set; }
    public DateTime ComputedAt { get; set; }
    /// Which income decided it: "entered" or "scorecard:ID@VERSION" (estimated from the Phiếu B score).
    public string IncomeSource { get; set; } = Domain.Classification.IncomeSources.Entered;
    /// The Phiếu B total score when the income came from a card.
    public int? ProxyScore { get; set; }
}

/// One version of a Phiếu B scorecard as loaded (Circular 07/2021/TT-BLĐTBXH): the file itself, kept as it was read,
/// with the fields needed to choose the card of a review year. A version is loaded once; a new card is a new version.
public sealed class ScorecardVersion
{
    public required string Id { get; set; }
    public required string Version { get; set; }
    public required string Name { get; set; }
    public int FromYear { get; set; }
    public int ToYear { get; set; }
    public bool Example { get; set; }
    public required string ContentHash { get; set; }
    public required string Json { get; set; }
    public DateTime LoadedAt { get; set; }
}

/// A household's answer to one asked characteristic of Phiếu B in one review year (e.g. B10 motorbike → "1").
/// Keyed by characteristic code, not by card, so a later version of the card with the same codes reuses the answers.
public sealed class ScorecardAnswer
{
    public long HouseholdId { get; set; }
    public int Year { get; set; }
    public required string CharacteristicCode { get; set; }
    public required string OptionCode { get; set; }
}

/// A province's higher local standard, kept beside the national one (which ships with the app). Its results are
/// stored under its own id, for the households of that province only.
public sealed class LocalStandard
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    /// The province unit (with its validity dates) whose households it applies to.
    public long ProvinceId { get; set; }
    public Unit? Province { get; set; }
    public int FromYear { get; set; }
    public int ToYear { get; set; }
    /// The standard's file as loaded, the same format as reference-data/standards.
    public required string Json { get; set; }
    public DateTime LoadedAt { get; set; }
    public required string LoadedBy { get; set; }
}
