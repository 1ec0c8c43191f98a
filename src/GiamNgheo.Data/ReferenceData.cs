using nietras.SeparatedValues;

namespace GiamNgheo.Data;

/// The reference CSVs the product carries (reference-data/, embedded in this assembly).
public static class ReferenceData
{
    public static Stream Open(string path) =>
        typeof(ReferenceData).Assembly.GetManifestResourceStream("ReferenceData/" + path)
        ?? throw new FileNotFoundException($"Embedded reference file {path} is missing.");

    /// Reads a header CSV into rows of named fields. Codes stay strings (leading zeros matter).
    public static IEnumerable<Dictionary<string, string>> ReadCsv(Stream stream)
    {
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(stream);
        var names = reader.Header.ColNames;
        foreach (var row in reader)
        {
            var d = new Dictionary<string, string>(names.Count);
            for (var i = 0; i < names.Count; i++) d[names[i]] = row[i].ToString();
            yield return d;
        }
    }

    public static IEnumerable<Dictionary<string, string>> ReadCsv(string path) => ReadCsv(Open(path));
}
