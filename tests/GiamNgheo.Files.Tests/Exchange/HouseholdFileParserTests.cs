using GiamNgheo.Domain.Households;
using GiamNgheo.Domain.Units;
using static GiamNgheo.Domain.Tests.Households.FileRows;
using GiamNgheo.Files.Exchange;

namespace GiamNgheo.Domain.Tests.Households;

public sealed class HouseholdFileParserTests
{
    [Fact]
    public void Parse_GoodHousehold_GivesFactsAndMembers()
    {
        var block = Assert.Single(Parse(Head(), Member()));
        Assert.Empty(block.Errors);
        Assert.Equal("07444-00001", block.Code);
        Assert.Equal(FileRows.LucNamCommune, block.Commune);
        Assert.Equal(36_000_000m, block.Facts!.Income12Months);
        Assert.Equal(45.5m, block.Facts.HousingAreaM2);
        Assert.Equal("0912345678", block.Facts.Phone);
        Assert.Equal(WaterSource.DrilledWell, block.Facts.Water);
        Assert.Null(block.Facts.Area); // empty: the commune's area applies
        Assert.Equal(2, block.Members.Count);
        Assert.Equal(Relation.Spouse, block.Members[1].Facts.Relation);
        Assert.Equal(new DateOnly(1983, 7, 2), block.Members[1].Facts.DateOfBirth);
        // An empty cell is "not recorded", never a silent "Không".
        Assert.Equal(true, block.Members[0].Facts.HealthInsurance);
        Assert.Null(block.Members[1].Facts.HealthInsurance);
        Assert.Null(block.Members[1].Facts.Employment);
        Assert.Null(block.Facts.HasTv);
    }

    [Fact]
    public void Parse_ContiguousRowsOfTwoHouseholds_GivesTwoBlocks()
    {
        var blocks = Parse(Head("A-1"), Member("A-1"), Head("A-2").With("Số CCCD", ""), Member("A-2"));
        Assert.Equal(["A-1", "A-2"], blocks.Select(b => b.Code));
        Assert.All(blocks, b => Assert.Empty(b.Errors));
        Assert.Equal(4, blocks[1].FirstRow);
    }

    /// Officials write one block per household: Mã hộ and the household columns on its first row, the later rows blank
    /// there (often a merged cell). Such a row belongs to the household above.
    [Fact]
    public void Parse_LaterRowsWithoutMãHộ_BelongToTheHouseholdAbove()
    {
        var blocks = Parse(Head("A-1"), Member("").With("Mã hộ", ""), Head("A-2").With("Số CCCD", ""), Member("").With("Mã hộ", ""), Member("", name: "Lê Văn Út", dob: "01/01/2015", relation: "Con", sex: "Nam"));
        Assert.Equal(["A-1", "A-2"], blocks.Select(b => b.Code));
        Assert.All(blocks, b => Assert.Empty(b.Errors));
        Assert.Equal([2, 3], blocks.Select(b => b.Members.Count));
    }

    [Fact]
    public void Parse_AFirstRowWithoutMãHộ_IsAnError()
    {
        var block = Assert.Single(Parse(Head("").With("Mã hộ", ""), Member("")));
        var error = Assert.Single(block.Errors, e => e.Column == "Mã hộ");
        Assert.Equal(2, error.Row);
        Assert.Contains("dòng đầu của hộ", error.Message);
    }

    /// The template's example is a household written as officials write it, and it imports.
    [Fact]
    public async Task TheTemplatesExample_Parses()
    {
        var ms = new MemoryStream();
        await HouseholdTemplate.WriteAsync(ms, GiamNgheo.Files.Tabular.FileFormat.Csv, TestContext.Current.CancellationToken);
        ms.Position = 0;
        using var reader = GiamNgheo.Files.Tabular.TabularFile.Open(ms, GiamNgheo.Files.Tabular.FileFormat.Csv);
        var rows = reader.Rows().Select(r => new RawRow(r.RowNumber, r.Cells)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("", rows[1].Cells[HouseholdFile.IndexOf(HouseholdFile.HouseholdCode)]);
        var block = Assert.Single(Parser().Parse(rows));
        Assert.Empty(block.Errors);
        Assert.Equal(2, block.Members.Count);
    }

    public static TheoryData<string, string, string, string> BadCells => new()
    {   // column header, bad value, expected column in the error, part of the message
        { "Ngày sinh", "31/02/1980", "Ngày sinh", "Ngày 31/02/1980 không tồn tại" },  // a day that does not exist is named, not a format error
        { "Ngày sinh", "1980-03-15x", "Ngày sinh", "dd/MM/yyyy" },
        { "Ngày sinh", "15/03/2030", "Ngày sinh", "sau ngày rà soát" },
        { "Giới tính", "X", "Giới tính", "Nam; Nữ" },
        { "Dân tộc", "99", "Dân tộc", "54 dân tộc" },
        { "Số CCCD", "12345", "Số CCCD", "12 chữ số" },
        { "Số CCCD", "024180001234", "Số CCCD", "giới tính Nữ" },  // 4th digit 1 = 20th century, female; the head is male
        { "Mã xã", "99999", "Mã xã", "01/09/2024" },
        { "Điện thoại", "12345", "Điện thoại", "10–11 chữ số" },
        { "Thu nhập 12 tháng (đồng)", "nhiều", "Thu nhập 12 tháng (đồng)", "một số" },
        { "Thu nhập 12 tháng (đồng)", "-5", "Thu nhập 12 tháng (đồng)", "Phải từ 0" },
        { "Thu nhập 12 tháng (đồng)", "1000,5", "Thu nhập 12 tháng (đồng)", "số nguyên" },
        { "Nguồn nước sinh hoạt", "sông", "Nguồn nước sinh hoạt", "Nước máy" },
        { "Thôn/tổ dân phố", "", "Thôn/tổ dân phố", "không được để trống" },
        { "Mã hộ", "07444 00001", "Mã hộ", "chỉ gồm chữ, số" },
        { "Họ và tên", "", "Họ và tên", "không được để trống" },
    };

    [Theory, MemberData(nameof(BadCells))]
    public void Parse_BadCell_NamesRowColumnValueAndRule(string header, string value, string column, string rule)
    {
        var block = Assert.Single(Parse(Head().With(header, value), Member(header == "Mã hộ" ? value : "07444-00001")));
        var error = Assert.Single(block.Errors, e => e.Column == column);
        Assert.Equal(2, error.Row);
        Assert.Equal(value, error.Value);
        Assert.Contains(rule, error.Message);
        Assert.Null(block.Facts);
    }

    [Fact]
    public void Parse_NoHead_IsAnError()
    {
        var block = Assert.Single(Parse(Head().With("Quan hệ với chủ hộ", "Con"), Member()));
        Assert.Contains(block.Errors, e => e.Column == "Quan hệ với chủ hộ" && e.Message.Contains("chưa có thành viên là Chủ hộ"));
    }

    [Fact]
    public void Parse_TwoHeads_IsAnError()
    {
        var block = Assert.Single(Parse(Head(), Member(relation: "Chủ hộ")));
        Assert.Contains(block.Errors, e => e.Message.Contains("2 người ghi là Chủ hộ"));
    }

    [Fact]
    public void Parse_HouseholdFieldContradictedOnLaterRow_IsAnErrorOnThatRow()
    {
        var block = Assert.Single(Parse(Head(), Member().With("Thôn/tổ dân phố", "Tổ dân phố 2")));
        var e = Assert.Single(block.Errors);
        Assert.Equal(3, e.Row);
        Assert.Contains("Khác với dòng 2", e.Message);
    }

    [Fact]
    public void Parse_HouseholdFieldRepeatedUnchanged_IsAccepted() =>
        Assert.Empty(Assert.Single(Parse(Head(), Member().With("Thôn/tổ dân phố", "Tổ dân phố 1"))).Errors);

    [Fact]
    public void Parse_SameMemberTwice_IsAnError()
    {
        var block = Assert.Single(Parse(Head(), Member(), Member()));
        var e = Assert.Single(block.Errors);
        Assert.Equal(4, e.Row);
        Assert.Contains("Trùng họ tên và ngày sinh với dòng 3", e.Message);
    }

    [Fact]
    public void Parse_BlankRows_AreSkipped() =>
        Assert.Single(FileRows.Parser().Parse([.. Rows(Head(), Member()), new RawRow(9, new string[HouseholdFile.Columns.Count])]));

    [Fact]
    public void Parse_ChoicesIgnoreCaseAndDiacritics()
    {
        var block = Assert.Single(Parse(Head().With("Giới tính", "nam").With("Khu vực", "nong thon"), Member().With("Giới tính", "NU")));
        Assert.Empty(block.Errors);
        Assert.Equal(Area.Rural, block.Facts!.Area);
        Assert.Equal(Sex.Female, block.Members[1].Facts.Sex);
    }
}
