using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;
using TestResult = NetArchTest.Rules.TestResult;

namespace GiamNgheo.App.Tests.Architecture;

/// The layering of GiamNgheo as rules over compiled types. Each rule takes the types it judges, so a test can also show
/// that it catches a type that breaks it (ArchitectureTests.*_CatchesABreak).
public static class ArchitectureRules
{
    public static readonly Assembly DomainAssembly = typeof(Domain.Households.HouseholdFacts).Assembly;
    public static readonly Assembly FilesAssembly = typeof(Files.Exchange.HouseholdFile).Assembly;
    public static readonly Assembly DemoAssembly = typeof(GiamNgheo.Demo.DemoProvince).Assembly;
    public static readonly Assembly DataAssembly = typeof(Data.Model.RegistryDb).Assembly;
    public static readonly Assembly AppAssembly = typeof(GiamNgheo.App.Features.IFeature).Assembly;

    /// What the pure domain must not know: databases, the web, files and streams, the network, JSON, the other layers.
    public static readonly string[] NotInTheDomain =
    [
        "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Microsoft.Extensions", "System.IO", "System.Net", "System.Data",
        "System.Text.Json", "Npgsql", "Microsoft.Data", "DocumentFormat", "nietras",
        "GiamNgheo.Data", "GiamNgheo.Files", "GiamNgheo.Demo", "GiamNgheo.App",
    ];

    /// The clock and other ambient state the domain may not read: time comes in as a parameter (TimeProvider at the edge).
    public static readonly string[] AmbientMembers =
    [
        "System.DateTime::get_Now", "System.DateTime::get_UtcNow", "System.DateTime::get_Today",
        "System.DateTimeOffset::get_Now", "System.DateTimeOffset::get_UtcNow", "System.TimeProvider",
        "System.Environment::GetEnvironmentVariable", "System.Environment::get_UserName", "System.Environment::get_CurrentDirectory", "System.IO.",
    ];

    /// The types of a namespace (and below) that depend on none of the forbidden namespaces or types.
    public static TestResult DependOnNone(Assembly assembly, string inNamespace, params string[] forbidden) =>
        Types.InAssembly(assembly).That().ResideInNamespace(inNamespace).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

    /// The adapters of a namespace (pages, their compiled views, API endpoint classes, commands) that touch none of the
    /// forbidden types: they parse their input, call their feature's use case and render its result.
    public static TestResult AdaptersDependOnNone(Assembly assembly, string inNamespace, params string[] forbidden) =>
        Adapters(assembly, inNamespace).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

    public static PredicateList Adapters(Assembly assembly, string inNamespace) =>
        Types.InAssembly(assembly).That().Inherit(typeof(PageModel)).Or().Inherit(typeof(PageBase))
            .Or().ResideInNamespace(inNamespace).And().HaveNameEndingWith("Api")
            .Or().ResideInNamespace(inNamespace).And().HaveNameEndingWith("Command");

    /// Calls from the types' method bodies to any of the members (by "Namespace.Type::member" prefix).
    public static List<string> CallsTo(IEnumerable<Type> types, IReadOnlyList<string> members)
    {
        var found = new List<string>();
        foreach (var group in types.GroupBy(t => t.Assembly))
        {
            using var module = ModuleDefinition.ReadModule(group.Key.Location);
            var names = group.Select(t => t.FullName!.Replace('+', '/')).ToHashSet();
            foreach (var type in module.GetTypes().Where(t => names.Contains(t.FullName) || names.Any(n => t.FullName.StartsWith(n + "/", StringComparison.Ordinal))))
                foreach (var method in type.Methods.Where(m => m.HasBody))
                    foreach (var i in method.Body.Instructions)
                        if (i.Operand is MemberReference m && (i.OpCode == OpCodes.Call || i.OpCode == OpCodes.Callvirt || i.OpCode == OpCodes.Newobj || i.OpCode == OpCodes.Ldftn))
                        {
                            var name = m.DeclaringType.FullName + "::" + m.Name;
                            if (members.Any(p => name.StartsWith(p, StringComparison.Ordinal))) found.Add($"{type.FullName}.{method.Name} → {name}");
                        }
        }
        return found;
    }

    /// What only a use case may touch: the database context and every type of the data layer that works with it (takes
    /// a context or a context factory). The records the data layer returns (views, reports) are free to render.
    public static string[] DatabaseAccess(Assembly data) =>
    [
        "Microsoft.EntityFrameworkCore", "GiamNgheo.Data.Model.RegistryDb", "GiamNgheo.Data.Model.RegistryDbFactory", "GiamNgheo.Data.Model.DatabaseTarget",
        .. data.GetTypes().Where(t => !t.IsNested && TouchesTheDatabase(t)).Select(t => t.FullName!),
    ];

    private static bool TouchesTheDatabase(Type t) =>
        t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .SelectMany(m => m.GetParameters()).Concat(t.GetConstructors().SelectMany(c => c.GetParameters()))
            .Any(p => typeof(DbContext).IsAssignableFrom(p.ParameterType) || p.ParameterType == typeof(IDbContextFactory<Data.Model.RegistryDb>));
}
