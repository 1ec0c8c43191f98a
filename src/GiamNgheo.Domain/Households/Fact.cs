using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using GiamNgheo.Domain.Common;

namespace GiamNgheo.Domain.Households;

/// Which record keeps a fact: the household's year, the person (identity: the same in every year and household) or
/// the person's membership of a household in one year (that year's situation).
public enum FactOwner { HouseholdYear, Person, Membership }

/// How a fact's value is kept in the database and written into a result's inputs hash.
public enum FactStorage
{
    Text,
    /// A small code: yes/no or one value of a list (at most 15 values, so that codes pack 4 bits each).
    Code,
    /// Whole đồng.
    Money,
    /// A measurement with decimals (m²).
    Measure,
    Date,
}

/// One fact of a household (<see cref="HouseholdFacts"/>) or of a member (<see cref="MemberFacts"/>), declared once in
/// <see cref="HouseholdFields"/>: its name (the record's property; in snake_case the form key, file column key and
/// database column), its Vietnamese header and rule, how a cell is read and written, and how the value is kept. The
/// exchange file, the forms, the staging tables, the merge, the batch read and the inputs hash are built from it.
public abstract class Fact<TFacts> where TFacts : class
{
    protected Fact(string name, string header, FactOwner owner)
    {
        Name = name;
        Key = SnakeCase.Of(name);
        Header = header;
        Owner = owner;
    }

    /// The property of the facts record.
    public string Name { get; }
    /// snake_case of <see cref="Name"/>: the form field, the file column key and the database column.
    public string Key { get; }
    public string Header { get; }
    public FactOwner Owner { get; }
    public bool Required { get; init; }
    /// The rule in words, for the template's guide and the forms.
    public string Rule { get; init; } = "";
    public string Example { get; init; } = "";
    /// The longest text the registry keeps (text facts).
    public int? MaxLength { get; init; }
    /// The characters a cell may hold. Every fact refuses invisible characters (<see cref="Read"/>); a text fact also
    /// refuses, after its <see cref="TextFact{TFacts}.Normalize"/>, any character outside the set.
    public TextCharacters Characters { get; init; } = TextCharacters.Printable;

    /// The words a cell may hold, for facts that take one of a list (forms show them as a choice).
    public virtual IReadOnlyList<string>? Options => null;
    public abstract FactStorage Storage { get; }
    /// The type of the stored column: string, long?, double?, bool?, an enum (nullable unless required) or DateOnly.
    public abstract Type StoredType { get; }

    /// The cell text of the fact ("" when not recorded): the exact inverse of <see cref="Parse"/>.
    public abstract string Format(TFacts facts, EthnicGroups ethnic);

    /// The fact as a page shows it (Vietnamese number separators); "" when not recorded.
    public virtual string Display(TFacts facts, EthnicGroups ethnic) => Format(facts, ethnic);

    /// Reads a trimmed cell into the facts being built. Returns the rule the cell breaks, in Vietnamese, or null. A cell
    /// with an invisible character (a NUL, a line break, an unpaired surrogate …) is refused for every fact before its
    /// own parse: such a value cannot be seen, would not be stored alike on SQLite and PostgreSQL, and cannot be folded
    /// to match a choice.
    public string? Read(string cell, TFacts target, EthnicGroups ethnic) =>
        TextCharacters.HasInvisible(cell) ? Characters.Problem(Header, cell) : Parse(cell, target, ethnic);

    /// The fact's own reading of a cell without invisible characters.
    protected abstract string? Parse(string cell, TFacts target, EthnicGroups ethnic);

    /// The value as the database keeps it (string, long, double, bool, int code of an enum, DateOnly), or null.
    public abstract object? Stored(TFacts facts);

    // The value by storage, without boxing: the batch read and the inputs hash run over millions of households.
    public virtual string? GetText(TFacts facts) => throw NotStoredAs(FactStorage.Text);
    public virtual void SetText(TFacts facts, string? value) => throw NotStoredAs(FactStorage.Text);
    public virtual int? GetCode(TFacts facts) => throw NotStoredAs(FactStorage.Code);
    public virtual void SetCode(TFacts facts, int? value) => throw NotStoredAs(FactStorage.Code);
    /// Money and measures.
    public virtual decimal? GetNumber(TFacts facts) => throw NotStoredAs(FactStorage.Money);
    public virtual void SetNumber(TFacts facts, decimal? value) => throw NotStoredAs(FactStorage.Money);
    public virtual DateOnly GetDate(TFacts facts) => throw NotStoredAs(FactStorage.Date);
    public virtual void SetDate(TFacts facts, DateOnly value) => throw NotStoredAs(FactStorage.Date);

    private InvalidOperationException NotStoredAs(FactStorage storage) => new($"{Name} is stored as {Storage}, not {storage}.");

    public override string ToString() => Name;
}

/// A fact with its typed getter and setter, both compiled from the property expression of its declaration. The
/// setter assigns an init-only property of a facts record that is still being built (the parser's or the batch
/// read's own new instance), so that a record is filled field by field from the list.
public abstract class Fact<TFacts, TValue> : Fact<TFacts> where TFacts : class
{
    protected readonly Func<TFacts, TValue> Get;
    protected readonly Action<TFacts, TValue> Set;

    protected Fact(Expression<Func<TFacts, TValue>> property, string header, FactOwner owner)
        : base(PropertyOf(property).Name, header, owner)
    {
        var info = PropertyOf(property);
        Get = property.Compile();
        var target = Expression.Parameter(typeof(TFacts), "facts");
        var value = Expression.Parameter(typeof(TValue), "value");
        Expression assigned = info.PropertyType == typeof(TValue) ? value : Expression.Convert(value, info.PropertyType);
        Set = Expression.Lambda<Action<TFacts, TValue>>(Expression.Assign(Expression.Property(target, info), assigned), target, value).Compile();
    }

    /// A property given as f => f.Sex may reach a nullable parameter through a conversion.
    private static PropertyInfo PropertyOf(Expression<Func<TFacts, TValue>> property) =>
        (property.Body is UnaryExpression { NodeType: ExpressionType.Convert } c ? c.Operand : property.Body) is MemberExpression { Member: PropertyInfo p }
            ? p
            : throw new ArgumentException("A fact is declared by its property, e.g. f => f.Hamlet.", nameof(property));
}

/// Free text: trimmed, empty is "not recorded" (or an error when required), only <see cref="Fact{T}.Characters"/> and
/// at most <see cref="Fact{T}.MaxLength"/> characters, and optionally normalised and checked (a phone number, a name).
public sealed class TextFact<TFacts>(Expression<Func<TFacts, string?>> property, string header, FactOwner owner)
    : Fact<TFacts, string?>(property, header, owner) where TFacts : class
{
    /// Turns the cell into the kept value (the digits of a phone number).
    public Func<string, string>? Normalize { get; init; }
    /// The rule the normalised value breaks, or null.
    public Func<string, string?>? Check { get; init; }

    public override FactStorage Storage => FactStorage.Text;
    public override Type StoredType => typeof(string);
    public override string Format(TFacts facts, EthnicGroups ethnic) => Get(facts) ?? "";

    protected override string? Parse(string cell, TFacts target, EthnicGroups ethnic)
    {
        if (cell.Length == 0)
        {
            Set(target, Required ? "" : null);
            return Required ? $"{Header} không được để trống." : null;
        }
        var value = Normalize is null ? cell : Normalize(cell);
        Set(target, value);
        if (Characters.Problem(Header, value) is { } characters) return characters;
        if (Check?.Invoke(value) is { } broken) return broken;
        return MaxLength is { } max ? TextCharacters.TooLong(Header, value, max) : null;
    }

    public override object? Stored(TFacts facts) => Get(facts);
    public override string? GetText(TFacts facts) => Get(facts);
    public override void SetText(TFacts facts, string? value) => Set(facts, value);
}

/// An ethnic group: written by name, read by code (01–54) or name, kept as the code of Decision 121-TCTK/PPCĐ.
public sealed class EthnicFact<TFacts>(Expression<Func<TFacts, string>> property, string header, FactOwner owner)
    : Fact<TFacts, string>(property, header, owner) where TFacts : class
{
    public override FactStorage Storage => FactStorage.Text;
    public override Type StoredType => typeof(string);
    public override string Format(TFacts facts, EthnicGroups ethnic) => ethnic.NameOf(Get(facts));

    protected override string? Parse(string cell, TFacts target, EthnicGroups ethnic)
    {
        var group = cell.Length == 0 ? null : ethnic.Find(cell);
        Set(target, group?.Code ?? "");
        return group is null ? $"{Header} phải là mã 01–54 hoặc tên một trong 54 dân tộc." : null;
    }

    public override object? Stored(TFacts facts) => Get(facts);
    public override string? GetText(TFacts facts) => Get(facts);
    public override void SetText(TFacts facts, string? value) => Set(facts, value ?? "");
}

/// A number as officials type it (36.000.000 or 36000000; 45,5 or 45.5) within a range: whole đồng for money, a
/// measure with decimals otherwise.
public sealed class NumberFact<TFacts>(Expression<Func<TFacts, decimal?>> property, string header, FactOwner owner, FactStorage storage, decimal min, decimal max)
    : Fact<TFacts, decimal?>(property, header, owner) where TFacts : class
{
    public override FactStorage Storage { get; } = storage is FactStorage.Money or FactStorage.Measure
        ? storage
        : throw new ArgumentOutOfRangeException(nameof(storage), storage, "a number is money or a measure");
    public override Type StoredType => Storage == FactStorage.Money ? typeof(long?) : typeof(double?);

    public override string Format(TFacts facts, EthnicGroups ethnic) =>
        Get(facts)?.ToString(Storage == FactStorage.Money ? "0" : "0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    public override string Display(TFacts facts, EthnicGroups ethnic) =>
        Get(facts) is { } v ? Storage == FactStorage.Money ? VnFormat.Money(v) : v.ToString("0.##", VnFormat.Culture) : "";

    protected override string? Parse(string cell, TFacts target, EthnicGroups ethnic)
    {
        Set(target, null);
        if (cell.Length == 0) return null;
        if (!VnFormat.TryParseNumber(cell, out var value)) return "Phải là một số." + CommaHint(cell);
        // Excel and the programs that write CSV keep numbers in binary floating point, so a whole amount (or area)
        // computed by a formula or written with 16–17 digits can come as 69139999.9999999 or 69140000.0000001. Such a
        // value is the whole number when it is within WholeTolerance (absolute) of it: a double near the largest amount
        // (100 billion) is exact to 0.000015, so the noise is far below the tolerance, and no real amount of money has
        // a part of a thousandth of a đồng. A larger part (1234.5) is a real fraction, refused for money.
        var whole = decimal.Round(value);
        if (Math.Abs(value - whole) <= WholeTolerance) value = whole;
        if (Storage == FactStorage.Money && value != whole)
            return $"Phải là số nguyên (số đồng nguyên): {value.ToString("#,0.############", VnFormat.Culture)} có phần lẻ dưới 1 đồng." + CommaHint(cell);
        if (value < min || value > max) return $"Phải từ {VnFormat.Money(min)} đến {VnFormat.Money(max)}.";
        Set(target, value);
        return null;
    }

    /// How far from a whole number a value is still read as that number (see Parse).
    public const decimal WholeTolerance = 0.001m;

    /// 69,140,000 written with English separators: a comma is the decimal mark in Vietnamese (VnFormat.TryParseNumber),
    /// so the amount is refused rather than read as 69,14; the hint says how to write it.
    private string CommaHint(string cell) =>
        Storage == FactStorage.Money && VnFormat.TryParseCommaGrouped(cell, out var amount)
            ? $" Dấu phẩy là dấu thập phân; nếu ý bạn là {VnFormat.Money(amount)} đồng, hãy viết {VnFormat.Money(amount)} hoặc {amount.ToString(System.Globalization.CultureInfo.InvariantCulture)}."
            : "";

    public override object? Stored(TFacts facts) => Get(facts) is { } v ? Storage == FactStorage.Money ? (long)v : (double)v : null;
    public override decimal? GetNumber(TFacts facts) => Get(facts);
    public override void SetNumber(TFacts facts, decimal? value) => Set(facts, value);
}

/// "Có" or "Không"; empty is "not recorded", never a silent "Không".
public sealed class YesNoFact<TFacts>(Expression<Func<TFacts, bool?>> property, string header, FactOwner owner)
    : Fact<TFacts, bool?>(property, header, owner) where TFacts : class
{
    public override IReadOnlyList<string> Options => Choices.YesNo.Labels;
    public override FactStorage Storage => FactStorage.Code;
    public override Type StoredType => typeof(bool?);
    public override string Format(TFacts facts, EthnicGroups ethnic) => Get(facts) is { } b ? Choices.YesNo.Label(b) : "";

    protected override string? Parse(string cell, TFacts target, EthnicGroups ethnic)
    {
        Set(target, null);
        if (cell.Length == 0) return null;
        if (!Choices.YesNo.TryParse(cell, out var value)) return $"Giá trị không hợp lệ. Giá trị hợp lệ: {Choices.YesNo.AllowedText}.";
        Set(target, value);
        return null;
    }

    public override object? Stored(TFacts facts) => Get(facts);
    public override int? GetCode(TFacts facts) => Get(facts) is { } b ? b ? 1 : 0 : null;
    public override void SetCode(TFacts facts, int? value) => Set(facts, value is { } v ? v != 0 : null);
}

/// One value of a list (<see cref="ChoiceList{T}"/>), matched without regard to case or diacritics.
public sealed class ChoiceFact<TFacts, TEnum> : Fact<TFacts, TEnum?> where TFacts : class where TEnum : struct, Enum
{
    public ChoiceFact(Expression<Func<TFacts, TEnum?>> property, string header, FactOwner owner, ChoiceList<TEnum> choices) : base(property, header, owner)
    {
        // Codes are read and written as int without boxing (below).
        if (Enum.GetUnderlyingType(typeof(TEnum)) != typeof(int)) throw new ArgumentException($"{typeof(TEnum).Name} must be an int enum.");
        Choices = choices;
    }

    public ChoiceList<TEnum> Choices { get; }
    public override IReadOnlyList<string> Options => Choices.Labels;
    public override FactStorage Storage => FactStorage.Code;
    public override Type StoredType => Required ? typeof(TEnum) : typeof(TEnum?);
    public override string Format(TFacts facts, EthnicGroups ethnic) => Get(facts) is { } v ? Choices.Label(v) : "";

    protected override string? Parse(string cell, TFacts target, EthnicGroups ethnic)
    {
        if (cell.Length == 0)
        {
            if (Required) return $"Không được để trống. Giá trị hợp lệ: {Choices.AllowedText}.";
            Set(target, null);
            return null;
        }
        if (!Choices.TryParse(cell, out var value)) return $"Giá trị không hợp lệ. Giá trị hợp lệ: {Choices.AllowedText}.";
        Set(target, value);
        return null;
    }

    public override object? Stored(TFacts facts) => GetCode(facts);
    public override int? GetCode(TFacts facts) => Get(facts) is { } v ? Unsafe.As<TEnum, int>(ref v) : null;
    public override void SetCode(TFacts facts, int? value) => Set(facts, value is { } v ? Unsafe.As<int, TEnum>(ref v) : null);
}

/// A date written dd/MM/yyyy. A date that cannot exist (31/02/1990) is named as such, not as a bad format.
public sealed class DateFact<TFacts>(Expression<Func<TFacts, DateOnly>> property, string header, FactOwner owner)
    : Fact<TFacts, DateOnly>(property, header, owner) where TFacts : class
{
    public override FactStorage Storage => FactStorage.Date;
    public override Type StoredType => typeof(DateOnly);
    public override string Format(TFacts facts, EthnicGroups ethnic) => VnFormat.Date(Get(facts));

    protected override string? Parse(string cell, TFacts target, EthnicGroups ethnic)
    {
        if (cell.Length == 0) return $"{Header} không được để trống.";
        if (VnFormat.TryParseDate(cell, out var date))
        {
            Set(target, date);
            return null;
        }
        return VnFormat.LooksLikeDate(cell)
            ? VnFormat.WhyNoSuchDate(cell) is { } why ? $"Ngày {cell} không tồn tại ({why})." : $"Ngày {cell} không tồn tại; hãy kiểm tra ngày và tháng."
            : $"{Header} phải có dạng dd/MM/yyyy, ví dụ 15/03/1980.";
    }

    public override object? Stored(TFacts facts) => Get(facts);
    public override DateOnly GetDate(TFacts facts) => Get(facts);
    public override void SetDate(TFacts facts, DateOnly value) => Set(facts, value);
}

/// The facts of one record type in their declared order (the order of the file's columns and of the inputs hash).
public sealed class FactList<TFacts> where TFacts : class
{
    private static readonly Func<TFacts> Empty = Expression.Lambda<Func<TFacts>>(Expression.New(typeof(TFacts))).Compile();
    private readonly Dictionary<string, Fact<TFacts>> _byKey;

    public FactList(IReadOnlyList<Fact<TFacts>> facts)
    {
        All = facts;
        _byKey = facts.ToDictionary(f => f.Key);
    }

    public IReadOnlyList<Fact<TFacts>> All { get; }

    public Fact<TFacts> this[string key] => _byKey[key];

    /// The fact of a property, e.g. Named(nameof(HouseholdFacts.Area)).
    public Fact<TFacts> Named(string name) => All.Single(f => f.Name == name);

    public IEnumerable<Fact<TFacts>> OwnedBy(FactOwner owner) => All.Where(f => f.Owner == owner);

    /// A new record with nothing set, to be filled fact by fact (every fact of the list is then set exactly once).
    public static TFacts New() => Empty();
}
