using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Households;

namespace GiamNgheo.Files.Exchange;

/// One column of the household exchange file (CSV or XLSX, one row per member): the household's code and commune,
/// then one column per fact of <see cref="HouseholdFields"/>. Household columns are filled on the household's first
/// row; its later rows may leave them, and the household code, empty or repeat them unchanged.
public sealed record FileColumn(string Key, string Header, bool HouseholdLevel, bool Required, string Rule, string Example)
{
    /// The allowed words, for columns that take one of a list (forms show them as a choice).
    public IReadOnlyList<string>? Options { get; init; }
}

public static class HouseholdFile
{
    public const string HouseholdCode = "household_code";
    public const string CommuneCode = "commune_code";

    public static readonly IReadOnlyList<FileColumn> Columns =
    [
        new(HouseholdCode, "Mã hộ", true, true, "Mã hộ trong danh sách của xã; duy nhất, giữ nguyên qua các năm (chữ, số, - . /; tối đa 30 ký tự). " +
            "Các dòng sau của cùng hộ có thể để trống (ô gộp)", "07444-00001"),
        new(CommuneCode, "Mã xã", true, true, "Mã 5 chữ số của xã/phường đang có hiệu lực vào ngày rà soát (01/09 của năm)", "07444"),
        .. HouseholdFields.Household.All.Select(f => Column(f, householdLevel: true)),
        .. HouseholdFields.Member.All.Select(f => Column(f, householdLevel: false)),
    ];

    private static FileColumn Column<T>(Fact<T> fact, bool householdLevel) where T : class =>
        new(fact.Key, fact.Header, householdLevel, fact.Required, fact.Rule, fact.Example) { Options = fact.Options };

    private static readonly Dictionary<string, int> IndexByKey = Columns.Select((c, i) => (c.Key, i)).ToDictionary(x => x.Key, x => x.i);

    public static int IndexOf(string key) =>
        IndexByKey.TryGetValue(key, out var i) ? i : throw new ArgumentException($"Unknown column key {key}", nameof(key));

    /// One member row in the file's column order — the exact inverse of <see cref="HouseholdFileParser"/>.
    /// Household columns are written on the household's first row only.
    public static string[] ToCells(string householdCode, string communeCode, HouseholdFacts h, MemberFacts m, bool firstRowOfHousehold, EthnicGroups ethnic)
    {
        var cells = new string[Columns.Count];
        Array.Fill(cells, "");
        cells[IndexOf(HouseholdCode)] = householdCode;
        if (firstRowOfHousehold)
        {
            cells[IndexOf(CommuneCode)] = communeCode;
            foreach (var fact in HouseholdFields.Household.All) cells[IndexOf(fact.Key)] = fact.Format(h, ethnic);
        }
        foreach (var fact in HouseholdFields.Member.All) cells[IndexOf(fact.Key)] = fact.Format(m, ethnic);
        return cells;
    }

    /// Maps the file's header row to our columns (order free, case and diacritics ignored).
    public static (int[] Map, IReadOnlyList<RowError> Errors) MapHeaders(IReadOnlyList<string> headers) =>
        MapHeaders(headers, Columns.Select(c => (c.Header, c.Required)).ToList());

    /// The headers of the file that name none of the columns (their cells are not read), each with the nearest known
    /// header when it is close: a typo in a header leaves the column absent, and its facts as stored.
    public static IReadOnlyList<(string Header, string? Suggestion)> UnknownHeaders(IReadOnlyList<string> headers)
    {
        var known = Columns.Select(c => (c.Header, Folded: VietnameseText.Fold(c.Header))).ToList();
        var result = new List<(string, string?)>();
        foreach (var header in headers)
        {
            var folded = VietnameseText.Fold(header ?? "");
            if (folded.Length == 0 || known.Any(k => k.Folded == folded)) continue;
            var nearest = known.MinBy(k => EditDistance(folded, k.Folded));
            // Close means at most a third of the header's letters changed: "Dien thaoi" → "Điện thoại", not "Ghi chú" → "Có ti vi".
            result.Add((header!, EditDistance(folded, nearest.Folded) <= Math.Max(2, nearest.Folded.Length / 3) ? nearest.Header : null));
        }
        return result;
    }

    /// The number of letters to insert, delete or replace to turn one text into the other (Levenshtein).
    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// Maps a header row to the given columns: map[c] is the file's index of column c (-1 when absent). Headers match in
    /// any order and without regard to case or diacritics; a repeated header or a missing required column is an error on
    /// row 1. Shared by every import file.
    public static (int[] Map, IReadOnlyList<RowError> Errors) MapHeaders(IReadOnlyList<string> headers, IReadOnlyList<(string Header, bool Required)> columns)
    {
        var byFolded = new Dictionary<string, int>();
        var errors = new List<RowError>();
        for (var i = 0; i < headers.Count; i++)
        {
            var folded = VietnameseText.Fold(headers[i] ?? "");
            if (folded.Length == 0) continue;
            if (!byFolded.TryAdd(folded, i))
                errors.Add(new RowError(1, headers[i], null, "Tiêu đề cột bị lặp."));
        }
        var map = new int[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            map[c] = byFolded.GetValueOrDefault(VietnameseText.Fold(columns[c].Header), -1);
            if (map[c] < 0 && columns[c].Required)
                errors.Add(new RowError(1, columns[c].Header, null, "Thiếu cột bắt buộc. Hãy dùng mẫu tải về từ hệ thống."));
        }
        return (map, errors);
    }
}
