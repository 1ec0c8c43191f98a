using System.Text;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Tests.Households;
using GiamNgheo.Files.Tabular;
using static GiamNgheo.Data.Tests.Files.Workbooks;

namespace GiamNgheo.Data.Tests.Files;

/// A value in a column without a header cannot be read as anything: it is an error of its row, never dropped.
public class HeaderlessCellTests
{
    private static string Rule(int column) =>
        $"Ô có dữ liệu nhưng cột không có tiêu đề (cột thứ {column}), nên không biết đây là thông tin gì và không nhập được. " +
        "Hãy chuyển dữ liệu vào đúng cột có tiêu đề, hoặc xoá nếu không cần.";

    public static TheoryData<string, byte[]> Files => new()
    {
        // Column C has no header (a gap), column E is past the last header.
        { "ds.csv", Encoding.UTF8.GetBytes("Mã hộ,Mã xã,,Họ và tên\n07444-00001,07444,ghi chú,Nguyễn Văn An,thừa\n07444-00002,07444,,Lê Thị Bình\n") },
        {
            "ds.xlsx", Build(wb => AddSheet(wb, "S").Append(
                Row(1, Inline("A1", "Mã hộ"), Inline("B1", "Mã xã"), Inline("D1", "Họ và tên")),
                Row(2, Inline("A2", "07444-00001"), Inline("B2", "07444"), Inline("C2", "ghi chú"), Inline("D2", "Nguyễn Văn An"), Inline("E2", "thừa")),
                Row(3, Inline("A3", "07444-00002"), Inline("B3", "07444"), Inline("C3", " "), Inline("D3", "Lê Thị Bình"))))
        },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_value_under_no_header_is_a_problem_of_its_row(string name, byte[] bytes)
    {
        using var reader = TabularFile.Open(new MemoryStream(bytes), name, ["Mã hộ", "Mã xã", "Họ và tên"]);
        var rows = reader.Rows().ToList();

        Assert.Equal(
            [new RowError(2, "C", "ghi chú", Rule(3)), new RowError(2, "E", "thừa", Rule(5))],
            rows[0].Problems);
        Assert.Equal(["07444-00001", "07444", "ghi chú", "Nguyễn Văn An", "thừa"], rows[0].Cells);
        // Only spaces: nothing is lost.
        Assert.Empty(rows[1].Problems);
    }

    [Fact]
    public void The_parser_makes_them_errors_of_the_household_even_on_a_row_with_nothing_else()
    {
        var rows = FileRows.Rows(FileRows.Head(), FileRows.Member(), new Dictionary<string, string>());
        rows[0] = rows[0] with { Problems = [new RowError(2, "AK", "thừa", Rule(37))] };
        // A total written beside the table, under no header, on a row of its own.
        rows[2] = rows[2] with { Problems = [new RowError(4, "AL", "Tổng: 2 người", Rule(38))] };

        var block = Assert.Single(FileRows.Parser().Parse(rows));

        Assert.Equal([new RowError(2, "AK", "thừa", Rule(37)), new RowError(4, "AL", "Tổng: 2 người", Rule(38))], block.Errors);
    }
}
