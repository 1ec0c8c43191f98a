namespace GiamNgheo.Domain.Households;

public enum Sex { Male = 1, Female = 2 }

public enum Relation { Head = 1, Spouse, Child, Parent, Grandparent, Grandchild, Sibling, Other }

public enum Education { None = 0, Primary, LowerSecondary, UpperSecondary, Vocational, College, University }

/// Employment and labour capacity, as the survey asks it: the Decree 07/2021 employment indicator
/// looks for working-age members without stable work; the dependants indicator for members who cannot work.
public enum Employment { Stable = 1, Unstable, Unemployed, NotWorkingAge, NoWorkingCapacity }

/// Clean sources per Decree 07/2021 (piped, drilled well, protected dug well or spring, rain, bottled); the rest is not clean.
public enum WaterSource { Piped = 1, DrilledWell, ProtectedWellOrSpring, RainWater, Bottled, Unprotected }

/// Hygienic types per Decree 07/2021 (septic, semi-septic, pour-flush, ventilated improved pit, double-vault).
public enum LatrineType { Septic = 1, SemiSeptic, PourFlush, VentilatedImprovedPit, DoubleVault, Unhygienic, None }

/// The Vietnamese words of each choice: what the template, the forms and the import accept.
/// Matching ignores case and diacritics ("nu" = "Nữ").
public static class Choices
{
    public static readonly ChoiceList<Sex> Sexes = new([(Sex.Male, "Nam"), (Sex.Female, "Nữ")]);

    public static readonly ChoiceList<Relation> Relations = new([
        (Relation.Head, "Chủ hộ"), (Relation.Spouse, "Vợ/chồng"), (Relation.Child, "Con"), (Relation.Parent, "Cha/mẹ"),
        (Relation.Grandparent, "Ông/bà"), (Relation.Grandchild, "Cháu"), (Relation.Sibling, "Anh/chị/em"), (Relation.Other, "Khác")]);

    public static readonly ChoiceList<Education> Educations = new([
        (Education.None, "Chưa học xong tiểu học"), (Education.Primary, "Tiểu học"), (Education.LowerSecondary, "THCS"),
        (Education.UpperSecondary, "THPT"), (Education.Vocational, "Trung cấp/nghề"), (Education.College, "Cao đẳng"),
        (Education.University, "Đại học trở lên")]);

    public static readonly ChoiceList<Employment> Employments = new([
        (Employment.Stable, "Có việc làm ổn định"), (Employment.Unstable, "Việc làm không ổn định"),
        (Employment.Unemployed, "Thất nghiệp"), (Employment.NotWorkingAge, "Ngoài độ tuổi lao động"),
        (Employment.NoWorkingCapacity, "Không có khả năng lao động")]);

    public static readonly ChoiceList<WaterSource> WaterSources = new([
        (WaterSource.Piped, "Nước máy"), (WaterSource.DrilledWell, "Giếng khoan"),
        (WaterSource.ProtectedWellOrSpring, "Giếng đào/khe mó được bảo vệ"), (WaterSource.RainWater, "Nước mưa"),
        (WaterSource.Bottled, "Nước đóng bình"), (WaterSource.Unprotected, "Nguồn khác, không hợp vệ sinh")]);

    public static readonly ChoiceList<LatrineType> Latrines = new([
        (LatrineType.Septic, "Tự hoại"), (LatrineType.SemiSeptic, "Bán tự hoại"), (LatrineType.PourFlush, "Thấm dội nước"),
        (LatrineType.VentilatedImprovedPit, "Chìm có ống thông hơi"), (LatrineType.DoubleVault, "Hai ngăn"),
        (LatrineType.Unhygienic, "Không hợp vệ sinh"), (LatrineType.None, "Không có")]);

    public static readonly ChoiceList<bool> YesNo = new([(true, "Có"), (false, "Không")]);

    public static readonly ChoiceList<Units.Area> Areas = new([(Units.Area.Urban, "Thành thị"), (Units.Area.Rural, "Nông thôn")]);
}

public sealed class ChoiceList<T> where T : notnull
{
    private readonly Dictionary<string, T> _byFoldedLabel;
    private readonly Dictionary<T, string> _labels;
    private readonly Dictionary<string, T> _byLabel;

    public ChoiceList(IReadOnlyList<(T Value, string Label)> items)
    {
        Items = items;
        _byFoldedLabel = items.ToDictionary(i => Common.VietnameseText.Fold(i.Label), i => i.Value);
        _labels = items.ToDictionary(i => i.Value, i => i.Label);
        _byLabel = items.ToDictionary(i => i.Label, i => i.Value, StringComparer.Ordinal);
    }

    public IReadOnlyList<(T Value, string Label)> Items { get; }

    public string Label(T value) => _labels[value];

    public IReadOnlyList<string> Labels => Items.Select(i => i.Label).ToList();

    public string AllowedText => string.Join("; ", Labels);

    // Most cells hold the label exactly as the template writes it: try that before folding.
    public bool TryParse(string text, out T value) =>
        _byLabel.TryGetValue(text, out value!) || _byFoldedLabel.TryGetValue(Common.VietnameseText.Fold(text), out value!);
}
