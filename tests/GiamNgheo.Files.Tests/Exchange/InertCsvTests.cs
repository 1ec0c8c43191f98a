using System.Text;
using GiamNgheo.Domain.Households;
using GiamNgheo.Files.Exchange;
using GiamNgheo.Files.Tabular;

namespace GiamNgheo.Domain.Tests.Households;

/// A CSV export opened in Excel cannot run a value as a formula (issue 9, point 5: =HYPERLINK(…), +cmd|…): a cell that
/// starts with = + - @ is written after Excel's text mark, and the exchange file's reader takes the mark off again.
public sealed class InertCsvTests
{
    [Theory]
    [InlineData("=1+2")]
    [InlineData("=HYPERLINK(\"http://example.invalid\",\"bấm vào đây\")")]
    [InlineData("+84 xóm Trại")]
    [InlineData("-Thôn Giữa")]
    [InlineData("@SUM(A1:A9)")]
    public async Task AFormulaLookingCell_IsWrittenAsText_AndReadBackUnchanged(string hamlet)
    {
        var facts = new HouseholdFacts { Hamlet = hamlet, Address = hamlet };
        var head = new MemberFacts { FullName = "Nguyễn Văn An", Sex = Sex.Male, DateOfBirth = new DateOnly(1980, 5, 20), Relation = Relation.Head, EthnicCode = "01" };
        var cells = HouseholdFile.ToCells("H-1", "07447", facts, head, true, FileRows.Ethnic);
        var csv = new MemoryStream();
        await CsvWriter.WriteAsync(csv, HouseholdFile.Columns.Select(c => c.Header).ToList(), new[] { cells }.ToAsyncEnumerable());

        // Every cell of the data row that holds the value starts with the mark (after the quote, if quoted).
        var line = Encoding.UTF8.GetString(csv.ToArray()).Split('\n')[1];
        Assert.Equal(2, line.Split("'" + hamlet.Replace("\"", "\"\"")).Length - 1);

        csv.Position = 0;
        using var reader = TabularFile.Open(csv, "ho.csv", HouseholdFile.Columns.Select(c => c.Header).ToList());
        var block = Assert.Single(FileRows.Parser(2030).Parse(reader.Rows().Select(r => new RawRow(r.RowNumber, r.Cells))));
        Assert.Empty(block.Errors);
        Assert.Equal((hamlet, hamlet), (block.Facts!.Hamlet, block.Facts.Address));
    }

    [Theory]
    [InlineData("Thôn Đồng Mạ", "Thôn Đồng Mạ")]
    [InlineData("'=1+2", "''=1+2")]   // an apostrophe of the value itself is marked too, so it reads back
    [InlineData("'", "''")]
    [InlineData("0912345678", "0912345678")]
    public void OnlyCellsThatStartLikeAFormula_GetTheMark_AndReadBack(string cell, string written)
    {
        Assert.Equal(written, CsvWriter.Line([cell]));
        Assert.Equal(cell, CsvWriter.Unmarked(written));
    }
}
