using GiamNgheo.App.Cli;
using GiamNgheo.App.Web;

// WebApplicationFactory starts the entry point with host settings only (--key=value); that is the web app.
if (args.Length > 0 && args.All(a => a.StartsWith("--") && a.Contains('=')))
{
    WebHost.Build(args, target: null).Run();
    return 0;
}
return await Commands.Root().Parse(args).InvokeAsync();
