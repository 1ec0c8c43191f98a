using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Households;

namespace GiamNgheo.Domain.Scorecards;

/// What a card's characteristic reads from the household: a number matched to bands (`from`), or a value matched to
/// an option's `values`. Null means "not recorded": the characteristic is then unknown, never zero points.
public abstract record FunctionValue(string Description);
public sealed record NumberValue(decimal Number, string Description) : FunctionValue(Description);
public sealed record CategoryValue(string Value, string Description) : FunctionValue(Description);

/// The named functions a card may use. A card names them by string, so the official card can be loaded as data.
public static class ScorecardFunctions
{
    /// The characteristic is asked on the card and imported as an answer code (Mã lựa chọn).
    public const string Answer = "answer";

    private static readonly string[] YesNo = ["true", "false"];

    /// Numeric functions: bands by `from`, the first starting at 0.
    public static readonly IReadOnlyDictionary<string, Func<HouseholdSnapshot, FunctionValue?>> Numeric = new Dictionary<string, Func<HouseholdSnapshot, FunctionValue?>>
    {
        ["household_size"] = h => h.Members.Count == 0 ? null : new NumberValue(h.Members.Count, $"{h.Members.Count} người"),
        ["housing_area_per_person"] = h => h.Facts.HousingAreaM2 is { } a && h.Members.Count > 0
            ? new NumberValue(a / h.Members.Count, $"{(a / h.Members.Count).ToString("0.#", VnFormat.Culture)} m²/người") : null,
        ["durable_parts"] = h => h.Facts is { DurableWalls: { } w, DurableFrame: { } f, DurableRoof: { } r }
            ? new NumberValue((w ? 1 : 0) + (f ? 1 : 0) + (r ? 1 : 0), $"{(w ? 1 : 0) + (f ? 1 : 0) + (r ? 1 : 0)}/3 kết cấu chính bền chắc") : null,
    };

    /// Categorical functions and every value each can return (an option list must place each value exactly once).
    public static readonly IReadOnlyDictionary<string, (IReadOnlyList<string> Values, Func<HouseholdSnapshot, FunctionValue?> Read)> Categorical =
        new Dictionary<string, (IReadOnlyList<string>, Func<HouseholdSnapshot, FunctionValue?>)>
        {
            ["water"] = (Enum.GetNames<WaterSource>(), h => h.Facts.Water is { } w ? new CategoryValue(w.ToString(), $"nguồn nước: {Choices.WaterSources.Label(w)}") : null),
            ["latrine"] = (Enum.GetNames<LatrineType>(), h => h.Facts.Latrine is { } l ? new CategoryValue(l.ToString(), $"nhà tiêu: {Choices.Latrines.Label(l)}") : null),
            ["has_tv"] = (YesNo, h => Flag(h.Facts.HasTv, "ti vi")),
            ["has_computer"] = (YesNo, h => Flag(h.Facts.HasComputer, "máy tính")),
            ["has_internet_phone"] = (YesNo, h => Flag(h.Facts.HasInternetPhone, "điện thoại kết nối internet")),
            ["head_education"] = (Enum.GetNames<Education>(), h =>
                h.Members.FirstOrDefault(m => m.Relation == Relation.Head) is { Education: { } e }
                    ? new CategoryValue(e.ToString(), $"chủ hộ: {Choices.Educations.Label(e)}") : null),
        };

    public static bool Known(string function) => function == Answer || Numeric.ContainsKey(function) || Categorical.ContainsKey(function);

    private static CategoryValue? Flag(bool? value, string what) =>
        value is { } b ? new CategoryValue(b ? "true" : "false", (b ? "có " : "không có ") + what) : null;
}
