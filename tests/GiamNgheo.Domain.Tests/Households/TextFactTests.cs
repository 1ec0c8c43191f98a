using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Households;

namespace GiamNgheo.Domain.Tests.Households;

/// Every text fact of the field list declares its longest value and its characters, and a new one refuses invisible
/// characters without declaring anything.
public sealed class TextFactTests
{
    private static readonly EthnicGroups Ethnic = new([new("01", "Kinh")]);

    [Theory]
    [InlineData("hamlet", 100, "ký tự nhìn thấy được")]
    [InlineData("address", 200, "ký tự nhìn thấy được")]
    [InlineData("phone", 11, "chữ số")]
    [InlineData("full_name", 100, "chữ cái, dấu cách và các dấu - ' . (không có chữ số hay ký hiệu)")]
    [InlineData("citizen_id", 12, "chữ số")]
    [InlineData("ethnic_code", 2, "ký tự nhìn thấy được")]
    public void EachTextFact_DeclaresItsLengthAndCharacters(string key, int maxLength, string characters)
    {
        var fact = TextFacts().Single(f => f.Key == key);
        Assert.Equal(maxLength, fact.MaxLength);
        Assert.Equal(characters, fact.Characters.Description);
    }

    /// The table above is the whole list: a new text fact must be added to it, with its length.
    [Fact]
    public void EveryTextFact_IsInTheTable() =>
        Assert.Equal(["hamlet", "address", "phone", "full_name", "citizen_id", "ethnic_code"], TextFacts().Select(f => f.Key));

    [Theory]
    [InlineData("Tổ 1\0", "Ghi chú chỉ gồm ký tự nhìn thấy được; ô có ký tự điều khiển U+0000 (NUL) ở vị trí 5, hãy xoá ký tự đó.")]
    [InlineData("Tổ\u20281", "Ghi chú chỉ gồm ký tự nhìn thấy được; ô có ký tự xuống dòng U+2028 ở vị trí 3, hãy xoá ký tự đó.")]
    [InlineData("Tổ \U0010FFFF", "Ghi chú chỉ gồm ký tự nhìn thấy được; ô có ký tự hỏng U+10FFFF (không phải ký tự) ở vị trí 4, hãy xoá ký tự đó.")]
    [InlineData("Tổ dân phố", "Ghi chú dài quá 5 ký tự (ô có 10 ký tự).")]
    [InlineData("Tổ 1", null)]
    public void ANewTextFact_RefusesInvisibleCharactersByDefault(string cell, string? expected)
    {
        var fact = new TextFact<HouseholdFacts>(f => f.Address, "Ghi chú", FactOwner.HouseholdYear) { MaxLength = 5 };
        Assert.Equal(expected, fact.Read(cell, FactList<HouseholdFacts>.New(), Ethnic));
    }

    /// Every fact, not only text: a choice would otherwise be folded, and folding throws on an unpaired surrogate.
    [Fact]
    public void AChoice_RefusesInvisibleCharactersToo()
    {
        var sex = HouseholdFields.Member["sex"];
        Assert.Equal("Giới tính chỉ gồm ký tự nhìn thấy được; ô có ký tự hỏng U+D800 (nửa cặp thay thế UTF-16, không phải ký tự) ở vị trí 2, hãy xoá ký tự đó.",
            sex.Read("N\uD800", FactList<MemberFacts>.New(), Ethnic));
    }

    // TheoryData, not InlineData: an attribute cannot hold an unpaired surrogate (it is stored as UTF-8).
    public static TheoryData<string, string> Composed => new()
    {
        { "Nguy\u0065\u0302\u0303n", "Nguyễn" },   // e + circumflex + tilde
        { "Nguyễn", "Nguyễn" },
        { "a\uD800b", "a\uD800b" },                  // cannot be normalised: kept, and refused by the rule
        { "a\uFFFEb", "a\uFFFEb" },
    };

    [Theory, MemberData(nameof(Composed))]
    public void Nfc_ComposesAndNeverThrows(string text, string expected) => Assert.Equal(expected, TextCharacters.Nfc(text));

    public static TheoryData<string, string> Visible => new()
    {
        { "Lê\0An", "Lê[U+0000]An" },
        { "a\uDC00\U0001F600", "a[U+DC00]\U0001F600" },   // an unpaired surrogate shown, a pair kept
        { "Tổ\u00a01", "Tổ\u00a01" },                     // a no-break space is seen as a space
    };

    [Theory, MemberData(nameof(Visible))]
    public void Shown_MakesInvisibleCharactersVisible(string text, string expected) => Assert.Equal(expected, TextCharacters.Shown(text));

    [Fact]
    public void Shown_CutsALongValue() =>
        Assert.Equal(new string('x', 100) + "… (1.000.000 ký tự)", TextCharacters.Shown(new string('x', 1_000_000)));

    private static List<(string Key, int? MaxLength, TextCharacters Characters)> TextFacts() =>
        [.. Text(HouseholdFields.Household), .. Text(HouseholdFields.Member)];

    private static IEnumerable<(string Key, int? MaxLength, TextCharacters Characters)> Text<T>(FactList<T> list) where T : class =>
        list.All.Where(f => f.Storage == FactStorage.Text).Select(f => (f.Key, f.MaxLength, f.Characters));
}
