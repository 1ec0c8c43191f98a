using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using GiamNgheo.Domain.Classification;
using GiamNgheo.Domain.Households;

namespace GiamNgheo.Data.Classification;

/// The digest of everything that decides a stored result: the standard and the household's snapshot. `classify`
/// rewrites a result only when it changes, so it must change with every input; it need not resist an attacker
/// (nobody gains by forging a collision of their own facts), hence XxHash128 over a compact binary writing of the
/// fields instead of SHA-256 over JSON, which cost as much as the classification itself.
/// Every fact of the field list (HouseholdFields) is written, in its declared order; the snapshot's own fields and the
/// Phiếu B input by name below. InputsHashTests fails when any input leaves the hash unchanged.
public sealed class InputsHash(byte[] standardDigest)
{
    private byte[] _buffer = new byte[1024];
    private int _length;

    public string Of(HouseholdSnapshot h)
    {
        _length = 0;
        Bytes(standardDigest);
        Int((int)h.Area);
        Int(h.ReviewDate.DayNumber);
        foreach (var fact in HouseholdFields.Household.All) Write(fact, h.Facts);
        Int(h.Members.Count);
        foreach (var m in h.Members)
            foreach (var fact in HouseholdFields.Member.All) Write(fact, m);
        // Under a Phiếu B card: the card (its key carries its content hash), the region and the answers in code order.
        var p = h.ProxyMeans;
        Text(p?.CardKey); Text(p?.Region); Int(p?.Answers.Count);
        if (p is not null)
            foreach (var (code, option) in p.Answers.OrderBy(a => a.Key, StringComparer.Ordinal)) { Text(code); Text(option); }
        return Convert.ToHexString(XxHash128.Hash(_buffer.AsSpan(0, _length)));
    }

    /// Each fact by its storage: text, a code (yes/no as three bytes, other codes as numbers), money and measures as
    /// decimals, dates as day numbers.
    private void Write<T>(Fact<T> fact, T facts) where T : class
    {
        switch (fact.Storage)
        {
            case FactStorage.Text: Text(fact.GetText(facts)); break;
            case FactStorage.Code when fact.StoredType == typeof(bool?): Bool(fact.GetCode(facts) is { } b ? b != 0 : null); break;
            case FactStorage.Code: Int(fact.GetCode(facts)); break;
            case FactStorage.Money or FactStorage.Measure: Decimal(fact.GetNumber(facts)); break;
            case FactStorage.Date: Int(fact.GetDate(facts).DayNumber); break;
            default: throw new InvalidOperationException($"{fact.Name}: {fact.Storage} is not hashed");
        }
    }

    private Span<byte> Take(int n)
    {
        if (_length + n > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + n));
        var span = _buffer.AsSpan(_length, n);
        _length += n;
        return span;
    }

    private void Bytes(ReadOnlySpan<byte> b) { Int(b.Length); b.CopyTo(Take(b.Length)); }

    // Null, false and true are three different bytes, so "not recorded" never hashes like "Không".
    private void Bool(bool? b) => Take(1)[0] = b switch { null => 0, false => 1, true => 2 };

    private void Int(int? v)
    {
        Take(1)[0] = v is null ? (byte)0 : (byte)1;
        if (v is { } x) BinaryPrimitives.WriteInt32LittleEndian(Take(4), x);
    }

    private void Decimal(decimal? v)
    {
        Take(1)[0] = v is null ? (byte)0 : (byte)1;
        if (v is { } x) System.Decimal.GetBits(x, MemoryMarshal.Cast<byte, int>(Take(16)));
    }

    // Length-prefixed UTF-16: no encoding work, and "ab"+"c" never hashes like "a"+"bc".
    private void Text(string? s)
    {
        Int(s?.Length);
        if (s is not null) MemoryMarshal.AsBytes(s.AsSpan()).CopyTo(Take(s.Length * 2));
    }
}
