using GiamNgheo.Data.Households;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GiamNgheo.Data.Scorecards;

/// A household's answer to one asked characteristic of Phiếu B in one review year (e.g. B10 motorbike → "1").
/// Keyed by characteristic code, not by card, so a later version of the card with the same codes reuses the answers.
public sealed class ScorecardAnswer
{
    public long HouseholdId { get; set; }
    public int Year { get; set; }
    public required string CharacteristicCode { get; set; }
    public required string OptionCode { get; set; }
}

internal sealed class ScorecardAnswerConfiguration : IEntityTypeConfiguration<ScorecardAnswer>
{
    public void Configure(EntityTypeBuilder<ScorecardAnswer> e)
    {
        e.ToTable("scorecard_answers");
        e.HasKey(a => new { a.HouseholdId, a.Year, a.CharacteristicCode });
        e.HasOne<HouseholdYear>().WithMany().HasForeignKey(a => new { a.HouseholdId, a.Year });
        e.Property(a => a.CharacteristicCode).HasMaxLength(20);
        e.Property(a => a.OptionCode).HasMaxLength(20);
    }
}
