using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GiamNgheo.App.Features.Standards;

/// The standards in force by period: national ones shipped with the app, and the provinces' higher ones.
public sealed class IndexModel(StandardsCatalogue catalogue) : PageModel
{
    public StandardsView View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => View = await catalogue.ListAsync(ct);
}
