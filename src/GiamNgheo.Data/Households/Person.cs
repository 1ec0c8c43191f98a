using GiamNgheo.Domain.Households;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GiamNgheo.Data.Households;

/// A person: stable across years and households (a split or a move keeps the person). The identity facts (name,
/// sex, birth date, citizen ID, ethnicity) are columns mapped from the field list.
public sealed class Person
{
    public long Id { get; set; }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> e)
    {
        e.ToTable("people");
        FactColumns.Map(e, HouseholdFields.Member.OwnedBy(FactOwner.Person));
        e.HasIndex(nameof(MemberFacts.CitizenId));
    }
}
