using GiamNgheo.App.Cli;
using GiamNgheo.App.Web;

// WebApplicationFactory starts the entry point with its host settings (--key=value), among them --applicationName:
// that is the web app under test. Anything else is the command line.
if (args.Any(a => a.StartsWith("--applicationName=", StringComparison.Ordinal)))
{
    WebHost.Build(args, target: null).Run();
    return 0;
}
return await CliApp.RunAsync(args);
