using GiamNgheo.Domain.Households;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GiamNgheo.Data.Households;

/// A person's membership of a household in one review year. That year's situation (relation, school, work …) is
/// columns mapped from the field list.
public sealed class Membership
{
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    public long HouseholdId { get; set; }
    public int Year { get; set; }
    public HouseholdYear? HouseholdYear { get; set; }
    public int Position { get; set; }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> e)
    {
        e.ToTable("memberships");
        e.HasKey(m => new { m.PersonId, m.Year });
        e.HasOne(m => m.Person).WithMany().HasForeignKey(m => m.PersonId);
        e.HasOne(m => m.HouseholdYear).WithMany(y => y.Members).HasForeignKey(m => new { m.HouseholdId, m.Year });
        e.HasIndex(m => new { m.HouseholdId, m.Year, m.Position });
        FactColumns.Map(e, HouseholdFields.Member.OwnedBy(FactOwner.Membership));
    }
}
