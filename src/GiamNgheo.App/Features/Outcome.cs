using GiamNgheo.Domain.Common;

namespace GiamNgheo.App.Features;

public enum FailureKind
{
    /// What was asked for does not exist (or, later, is outside the actor's scope: never disclosed as forbidden).
    NotFound,
    /// The request itself breaks a rule: a bad date, a year without a standard, a file that cannot be read.
    Invalid,
    /// Another write holds the registry longer than this one waits (an import merging): try again shortly.
    Busy,
}

/// Why a use case did not do what was asked, in Vietnamese, with the fields at fault where there are any. The page shows
/// it beside the field, the API as problem details, the command line on its error output with exit code 2.
public sealed record Failure(FailureKind Kind, string Message, IReadOnlyList<FieldError>? Fields = null)
{
    public static Failure NotFound(string message) => new(FailureKind.NotFound, message);
    public static Failure Invalid(string message, IReadOnlyList<FieldError>? fields = null) => new(FailureKind.Invalid, message, fields);
    public static Failure Busy(string message) => new(FailureKind.Busy, message);
}

/// The result of a use case: a value, or the failure that kept it from one.
public readonly record struct Outcome<T>
{
    private Outcome(T? value, Failure? failure) => (Value, Failure) = (value, failure);

    public T? Value { get; }
    public Failure? Failure { get; }
    public bool Ok => Failure is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);
    /// For a value of an interface type, which C# converts to no user-defined type implicitly.
    public static Outcome<T> Of(T value) => new(value, null);
    public static implicit operator Outcome<T>(Failure failure) => new(default, failure);
}
