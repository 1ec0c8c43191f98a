using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace GiamNgheo.App.Features.Households;

/// A form's failure on the page: each field error beside its field (F[key]), the rest above the form.
public static class FormErrors
{
    public static void Add(ModelStateDictionary state, Failure failure, Func<string, bool> shown)
    {
        if (failure.Fields is not { Count: > 0 } fields)
        {
            state.AddModelError("", failure.Message);
            return;
        }
        foreach (var e in fields) state.AddModelError(shown(e.Field) ? $"F[{e.Field}]" : "", e.Message);
    }
}
