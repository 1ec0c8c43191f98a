using GiamNgheo.Domain.Households;
using GiamNgheo.Files.Exchange;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace GiamNgheo.App.Features.Households;

/// One field of a household or member form: a column of the exchange file with its value and its error.
public sealed record FieldModel(FileColumn Column, string Value, bool ReadOnly, IReadOnlyList<string>? Options, string Error)
{
    /// The field as a form shows it: a choice where the column takes one of a list (the 54 ethnic groups by name).
    public static FieldModel For(FileColumn column, IReadOnlyDictionary<string, string?> values, ModelStateDictionary state, EthnicGroups ethnic,
        bool readOnly = false) =>
        new(column, values.GetValueOrDefault(column.Key) ?? "", readOnly,
            column.Key == HouseholdFields.Member.Named(nameof(MemberFacts.EthnicCode)).Key ? ethnic.All.Select(g => g.Name).ToList() : column.Options,
            state.TryGetValue($"F[{column.Key}]", out var s) ? string.Join(" ", s.Errors.Select(e => e.ErrorMessage)) : "");
}
