using System.Text.Json;
using System.Text.Json.Serialization;
using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Standards;

namespace GiamNgheo.Files.Json;

/// A poverty standard as a JSON file: the bundled national ones (reference-data/standards), a province's local
/// one, or a planner's what-if file. The standard itself is domain data; this is only its file.
public static class StandardFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// The standard, or what keeps it from being used (a file that is not JSON, an unknown function, a missing
    /// parameter …), in Vietnamese. Never both.
    public static (PovertyStandard? Standard, IReadOnlyList<string> Problems) Read(string json)
    {
        PovertyStandard? standard;
        try { standard = JsonSerializer.Deserialize<PovertyStandard>(json, Options); }
        catch (JsonException e) { return (null, [$"Không đọc được tệp chuẩn: {e.Message}"]); }
        if (standard is null) return (null, ["Tệp chuẩn nghèo rỗng."]);
        var problems = Indicators.Problems(standard);
        return problems.Count == 0 ? (standard, []) : (null, problems);
    }

    /// A standard known to be good (bundled, or stored after it was checked): a problem here is a bug.
    public static PovertyStandard ReadValid(string json) =>
        Read(json) is { Standard: { } s } ? s : throw new InvalidOperationException("Tệp chuẩn đã kiểm tra không còn đọc được: " + string.Join("; ", Read(json).Problems));

    public static string Write(PovertyStandard standard) => JsonSerializer.Serialize(standard, Options);
}
