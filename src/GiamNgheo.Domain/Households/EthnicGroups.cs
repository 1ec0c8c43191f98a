using GiamNgheo.Domain.Common;

namespace GiamNgheo.Domain.Households;

public sealed record EthnicGroup(string Code, string Name);

/// The 54 ethnic groups with the codes of Decision 121-TCTK/PPCĐ (1979). Accepts the code or the name.
public sealed class EthnicGroups
{
    private readonly Dictionary<string, EthnicGroup> _byCode;
    private readonly Dictionary<string, EthnicGroup> _byFoldedName;
    private readonly Dictionary<string, EthnicGroup> _byName;

    public EthnicGroups(IEnumerable<EthnicGroup> groups)
    {
        All = groups.OrderBy(g => g.Code, StringComparer.Ordinal).ToList();
        _byCode = All.ToDictionary(g => g.Code);
        _byFoldedName = All.ToDictionary(g => VietnameseText.Fold(g.Name));
        _byName = All.ToDictionary(g => g.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<EthnicGroup> All { get; }

    public EthnicGroup? Find(string codeOrName)
    {
        var text = codeOrName.Trim();
        if (text.Length == 1 && char.IsAsciiDigit(text[0])) text = "0" + text;
        return _byCode.GetValueOrDefault(text) ?? _byName.GetValueOrDefault(text) ?? _byFoldedName.GetValueOrDefault(VietnameseText.Fold(text));
    }

    public string NameOf(string code) => _byCode.TryGetValue(code, out var g) ? g.Name : code;
}
