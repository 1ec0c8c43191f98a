using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GiamNgheo.Data.Classification;

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
    public string IncomeSource { get; set; } = IncomeSources.Entered;
    /// The Phiếu B total score when the income came from a card.
    public int? ProxyScore { get; set; }
}

internal sealed class ClassificationResultConfiguration : IEntityTypeConfiguration<ClassificationResult>
{
    public void Configure(EntityTypeBuilder<ClassificationResult> e)
    {
        e.ToTable("classification_results");
        e.HasKey(r => new { r.HouseholdId, r.Year, r.StandardId });
        // No foreign key to household_years: a result is derived data, written only by classification from the
        // household-years it has just read, and rewritten from them at any time. On PostgreSQL the key's row-by-row
        // check cost 6 of the 9.3 s of writing 515k results (README, classification benchmark). Whatever deletes
        // a household-year must delete its results.
        e.Property(r => r.StandardId).HasMaxLength(40);
        e.Property(r => r.DeprivedIndicators).HasMaxLength(200);
        e.Property(r => r.InputsHash).HasMaxLength(64);
        // Results computed before Phiếu B cards existed used the income entered.
        e.Property(r => r.IncomeSource).HasMaxLength(100).HasDefaultValue(IncomeSources.Entered);
    }
}
