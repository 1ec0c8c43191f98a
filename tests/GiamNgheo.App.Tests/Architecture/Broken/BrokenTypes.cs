using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using Microsoft.AspNetCore.Mvc.RazorPages;

// Types that break the architecture on purpose, so that ArchitectureTests can show each rule catches a break. They are
// never used.
namespace GiamNgheo.App.Tests.Architecture.Broken;

/// A "rule" that reads a file: what the domain may not do.
public static class RuleReadingAFile
{
    public static string Threshold() => File.ReadAllText("nguong.txt");
}

/// A "rule" that reads the clock instead of taking the date as a parameter.
public static class RuleReadingTheClock
{
    public static int ReviewYear() => DateTime.Now.Year;
}

/// A page that writes through the data layer itself instead of its feature's use case.
public sealed class PageWritingTheDatabase(RegistryDb db) : PageModel
{
    public Task<int> OnPostAsync() => db.SaveChangesAsync();
}

/// An endpoint class that imports rows without the use case.
public static class SaveApi
{
    public static Task<ImportReport> Save(RegistryDb db) =>
        HouseholdImport.RunAsync(db, [], [], 2024, false, "x", "x", DateTime.UtcNow);
}

/// An adapter that renders a view record of the data layer: allowed.
public static class ReadOnlyCommand
{
    public static string Show(GiamNgheo.Data.Units.UnitView unit) => unit.Name;
}
