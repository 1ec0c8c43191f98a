using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using GiamNgheo.Domain.Common;
using GiamNgheo.Domain.Scorecards;

namespace GiamNgheo.Files.Json;

/// A Phiếu B card as a JSON file (reference-data/scorecards): read, validated by the domain's rules, written back in a
/// canonical form whose hash identifies the content.
public static class ScorecardFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // A missing or null field is an error naming it, not a null to trip over later.
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// Reads and validates a card file. Either the card or the problems, each naming its field and rule.
    public static (Scorecard? Card, IReadOnlyList<FieldError> Errors) Read(string json)
    {
        Scorecard? card;
        try { card = JsonSerializer.Deserialize<Scorecard>(json, Options); }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "tệp" : e.Path.TrimStart('$', '.');
            var message = e.Message.Contains("missing required properties", StringComparison.Ordinal)
                ? "thiếu trường bắt buộc: " + e.Message.Split("including: ").Last().Split('.')[0]
                : "không đúng định dạng JSON của phiếu hoặc sai kiểu dữ liệu";
            return (null, [new FieldError(field, null, message)]);
        }
        if (card is null) return (null, [new FieldError("tệp", null, "tệp phiếu rỗng")]);
        var errors = ScorecardValidation.Check(card);
        return errors.Count == 0 ? (card, errors) : (null, errors);
    }

    public static string Write(Scorecard card) => JsonSerializer.Serialize(card, Options);

    /// SHA-256 of the canonical JSON: the same version loaded with other content is refused, and a result records
    /// exactly which card it used. Computed once per instance (a card is immutable; `with` makes a new instance).
    public static string ContentHash(Scorecard card) =>
        Hashes.GetValue(card, c => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Write(c)))));

    /// What stands for the card in a result's inputs hash: its id, version and content hash.
    public static string Key(Scorecard card) => $"{card.Id}@{card.Version}#{ContentHash(card)}";

    private static readonly ConditionalWeakTable<Scorecard, string> Hashes = new();
}
