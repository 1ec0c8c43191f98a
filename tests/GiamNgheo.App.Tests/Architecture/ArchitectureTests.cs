using TestResult = NetArchTest.Rules.TestResult;
using static GiamNgheo.App.Tests.Architecture.ArchitectureRules;

namespace GiamNgheo.App.Tests.Architecture;

/// The layering, stated once and checked on every build: the domain is pure, the data layer knows no app, the file
/// formats and the demo know no database, and a page, an endpoint or a command reaches the database only through its
/// feature's use case. Each rule is also shown to catch a type that breaks it (the types in Broken/).
public sealed class ArchitectureTests
{
    private static void Holds(TestResult r) =>
        Assert.True(r.IsSuccessful, "broken by: " + string.Join(", ", r.FailingTypeNames ?? []));

    [Fact]
    public void Domain_ReferencesNoDatabaseWebIoJsonOrOtherLayer() => Holds(DependOnNone(DomainAssembly, "GiamNgheo.Domain", NotInTheDomain));

    [Fact]
    public void Domain_ReadsNoClockEnvironmentOrFile() => Assert.Empty(CallsTo(DomainAssembly.GetTypes(), AmbientMembers));

    [Fact]
    public void Data_ReferencesNoAppNoWebAndNoDemo() =>
        Holds(DependOnNone(DataAssembly, "GiamNgheo.Data", "GiamNgheo.App", "Microsoft.AspNetCore", "GiamNgheo.Demo"));

    [Fact]
    public void Files_AndDemo_ReferenceNoDatabaseAndNoApp()
    {
        Holds(DependOnNone(FilesAssembly, "GiamNgheo.Files", "GiamNgheo.Data", "GiamNgheo.App", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore"));
        Holds(DependOnNone(DemoAssembly, "GiamNgheo.Demo", "GiamNgheo.Data", "GiamNgheo.App", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore"));
    }

    [Fact]
    public void PagesEndpointsAndCommands_ReachTheDatabaseOnlyThroughTheirUseCase()
    {
        var forbidden = DatabaseAccess(DataAssembly);
        // The rule knows the data layer's writers (computed, not listed by hand).
        Assert.Contains("GiamNgheo.Data.Households.HouseholdImport", forbidden);
        Assert.Contains("GiamNgheo.Data.Classification.Reclassification", forbidden);
        Holds(AdaptersDependOnNone(AppAssembly, "GiamNgheo.App.Features", forbidden));
        // … and judges every adapter: page models, the pages' compiled views, endpoint classes and commands.
        var adapters = Adapters(AppAssembly, "GiamNgheo.App.Features").GetTypes().Select(t => t.FullName!).ToList();
        Assert.Contains("GiamNgheo.App.Features.Results.IndexModel", adapters);
        Assert.Contains("GiamNgheo.App.Features.Households.EditMemberModel", adapters);
        Assert.Contains(adapters, t => t.EndsWith("Features_Results_Index", StringComparison.Ordinal));
        Assert.Contains("GiamNgheo.App.Features.Units.UnitsApi", adapters);
        Assert.Contains("GiamNgheo.App.Features.Results.ClassifyCommand", adapters);
        Assert.True(adapters.Count >= 30, string.Join(", ", adapters));
    }

    /// Every context is made by RegistryDbFactory (with the interceptors of DI): nothing else calls the constructor
    /// behind it.
    [Fact]
    public void OnlyTheFactory_CreatesContexts()
    {
        var callers = CallsTo([.. DataAssembly.GetTypes(), .. AppAssembly.GetTypes()], ["GiamNgheo.Data.Model.DatabaseTarget::CreateContext"]);
        Assert.All(callers, c => Assert.Matches(@"^GiamNgheo\.Data\.Model\.(RegistryDbFactory|SqliteDesignFactory|PostgresDesignFactory)\.", c));
        Assert.Contains(callers, c => c.StartsWith("GiamNgheo.Data.Model.RegistryDbFactory.", StringComparison.Ordinal));
    }

    // ---- each rule catches a break ----

    [Fact]
    public void DomainRule_CatchesABreak()
    {
        var r = DependOnNone(typeof(ArchitectureTests).Assembly, "GiamNgheo.App.Tests.Architecture.Broken", NotInTheDomain);
        Assert.False(r.IsSuccessful);
        Assert.Contains("GiamNgheo.App.Tests.Architecture.Broken.RuleReadingAFile", r.FailingTypeNames);
        Assert.Contains(CallsTo([typeof(Broken.RuleReadingTheClock)], AmbientMembers), c => c.Contains("System.DateTime::get_Now"));
    }

    [Fact]
    public void AdapterRule_CatchesAPageWritingTheDatabase()
    {
        var r = AdaptersDependOnNone(typeof(ArchitectureTests).Assembly, "GiamNgheo.App.Tests.Architecture.Broken", DatabaseAccess(DataAssembly));
        Assert.False(r.IsSuccessful);
        Assert.Equal(["GiamNgheo.App.Tests.Architecture.Broken.PageWritingTheDatabase", "GiamNgheo.App.Tests.Architecture.Broken.SaveApi"],
            r.FailingTypeNames.Order());
    }
}
