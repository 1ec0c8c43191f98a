using System.CommandLine;
using System.CommandLine.Help;
using System.Text.RegularExpressions;
using GiamNgheo.App.Cli;

namespace GiamNgheo.App.Tests.Cli;

/// Every `giamngheo` command, taken from the command line's own tree (a new command is covered without a new row),
/// refuses bad input with a Vietnamese message on the error output and a non-zero exit code: an unknown option, an
/// option without its value, a required option left out, an absurd year, a number or date that is none, a value
/// outside an option's choices, a unit code that does not exist, a file that does not exist. Never a stack trace,
/// never System.CommandLine's English or its help page.
public sealed partial class CliBadInputTests(CliRunner cli) : IClassFixture<CliRunner>
{
    /// Options that name a unit by its code: a code no unit has must be named back.
    private static readonly string[] UnitOptions = ["--unit", "--province", "--code", "--parent"];

    public static TheoryData<string, string[], string> Cases()
    {
        var data = new TheoryData<string, string[], string>();
        foreach (var (path, command) in Leaves(CliApp.Root(), []))
        {
            var options = command.Options.Where(o => !o.Hidden && o is not HelpOption).ToList();
            // The command with good values for what it requires, less one option (the one under test).
            string[] Valid(Option? without) =>
                [.. path, .. command.Arguments.Select(a => GoodArgument(path)), .. options.Where(o => o.Required && o != without).SelectMany(o => new[] { o.Name, Good(o) })];
            void Add(string[] args, string named) => data.Add(string.Join(" ", args), args, named);

            Add([.. Valid(null), "--khong-co"], "--khong-co");
            Add([.. Valid(null), "--db"], "--db");
            foreach (var o in options)
            {
                if (o.Required) Add(Valid(o), o.Name);
                if (o.Arity.MinimumNumberOfValues > 0) Add([.. Valid(o), o.Name], o.Name); // the value left out, last on the line
                foreach (var bad in BadValues(o)) Add([.. Valid(o), o.Name, bad], bad);
            }
            if (command.Arguments.Count > 0)
                Add([.. path, "khong-co.csv", .. options.Where(o => o.Required).SelectMany(o => new[] { o.Name, Good(o) })], "khong-co.csv");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_IsRefusedInVietnamese_WithoutAStackTrace(string line, string[] args, string named)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        // The database follows the command's own path, so that an option left out is last on the line.
        string[] withDb = args.Contains("--db") ? args : [.. args.TakeWhile(a => !a.StartsWith('-')), "--db", cli.Db, .. args.SkipWhile(a => !a.StartsWith('-'))];
        var code = await CliApp.RunAsync(withDb, new InvocationConfiguration { Output = output, Error = error });

        var err = error.ToString();
        Assert.True(code != 0, $"{line}: exit code 0; output: {output}");
        Assert.Contains(named, err);
        Assert.Matches(VietnameseWord(), err);
        Assert.DoesNotContain("Exception", err);
        Assert.DoesNotContain("   at ", err);
        Assert.DoesNotContain("Usage:", output.ToString() + err);
    }

    [Fact]
    public async Task ADatabaseThatCannotBeOpened_IsSaidInVietnamese_ExitCode1()
    {
        // A path under a regular file: no folder can be made there.
        var file = Path.Combine(cli.Dir, "tep-thuong");
        await File.WriteAllTextAsync(file, "");
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["units", "list", "--db", Path.Combine(file, "x.db")], new InvocationConfiguration { Output = new StringWriter(), Error = error });
        Assert.Equal(1, code);
        Assert.StartsWith("Không mở được cơ sở dữ liệu (--db hoặc biến GIAMNGHEO_DB): ", error.ToString());
        Assert.DoesNotContain("   at ", error.ToString());
    }

    [Theory]
    [InlineData("mpi --unit 24 --year 0", "Năm rà soát «0» không hợp lệ: từ 2016 đến 2035.")]
    [InlineData("mpi --unit 24 --year abc", "Năm rà soát «abc» không hợp lệ: từ 2016 đến 2035.")]
    [InlineData("mpi --unit 24 --year 99999999999", "Năm rà soát «99999999999» không hợp lệ: từ 2016 đến 2035.")]
    [InlineData("mpi --unit 24 --year 2024 --khong-co", "Lệnh «giamngheo mpi» không có tùy chọn «--khong-co».")]
    [InlineData("mpi --year 2024", "Thiếu tùy chọn --unit: Mã (hoặc tên) đơn vị có hiệu lực ngày rà soát của năm.")]
    [InlineData("mpi --unit 24 --year 2024 --year 2025", "Tùy chọn --year chỉ nhận một giá trị; đã có 2: «2024», «2025».")]
    [InlineData("units list --as-of 32/13/2025", "Ngày «32/13/2025» không hợp lệ; dùng dạng dd/MM/yyyy.")]
    [InlineData("units list --format xml", "Tùy chọn --format: giá trị «xml» không hợp lệ; dùng một trong: csv, json, table.")]
    [InlineData("demo --province 24 --year 2024 --households abc", "Tùy chọn --households: giá trị «abc» không hợp lệ; cần một số nguyên.")]
    [InlineData("units", "Lệnh «giamngheo units» cần một lệnh con: import, list, set-area.")]
    [InlineData("khong-co", "Lệnh «giamngheo» không có lệnh con «khong-co»; có: serve, db, units, households,")]
    [InlineData("households import a.csv b.csv --year 2024", "Lệnh «giamngheo households import» không nhận đối số «b.csv».")]
    [InlineData("households import --year 2024", "Lệnh «giamngheo households import» thiếu đối số «file»: Tệp CSV hoặc XLSX theo mẫu.")]
    [InlineData("units list --parent 99999", "Không có đơn vị mã 99999 có hiệu lực ngày")]
    public async Task TheMessage_NamesWhatIsWrong(string line, string message)
    {
        var (code, _, err) = await cli.Run(line.Split(' '));
        Assert.Equal(2, code);
        Assert.Contains(message, err);
    }

    private static IEnumerable<(string[] Path, Command Command)> Leaves(Command command, string[] path)
    {
        if (command.Action is not null && path.Length > 0) yield return (path, command);
        foreach (var sub in command.Subcommands)
            foreach (var leaf in Leaves(sub, [.. path, sub.Name]))
                yield return leaf;
    }

    private static string Good(Option o) => o.Name switch
    {
        "--year" => "2024",
        "--unit" or "--province" => "24",
        "--code" => "07210",
        "--standard" => Path.Combine(CliRunner.RepoRoot(), "reference-data", "standards", "decree-07-2021.json"),
        _ => o.GetCompletions(System.CommandLine.Completions.CompletionContext.Empty).Select(c => c.Label).FirstOrDefault() ?? "x",
    };

    /// The file a command reads: `standards add` must reach its --province; the others fail on their bad option first.
    private static string GoodArgument(string[] path) =>
        string.Join(" ", path) == "standards add" ? Path.Combine(CliRunner.RepoRoot(), "examples", "chuan-dia-phuong-vi-du.json") : "tep.csv";

    private static IEnumerable<string> BadValues(Option o)
    {
        var type = Nullable.GetUnderlyingType(o.ValueType) ?? o.ValueType;
        if (o.Name == "--year") return ["0", "-1", "99999", "2147483648", "abc"];
        if (UnitOptions.Contains(o.Name)) return ["99999"];
        if (type == typeof(int) || type == typeof(long)) return ["abc", "99999999999"];
        if (type == typeof(DateOnly)) return ["32/13/2025", "2025-13-01", "abc"];
        if (type == typeof(bool)) return ["abc"];
        if (type == typeof(FileInfo)) return ["khong-co.json"];
        return o.GetCompletions(System.CommandLine.Completions.CompletionContext.Empty).Any() ? ["khong-co"] : [];
    }

    [GeneratedRegex("[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", RegexOptions.IgnoreCase)]
    private static partial Regex VietnameseWord();
}
