namespace GiamNgheo.App.Features;

/// Who asks a use case to act: the signed-in officer on the web, the operator running the command line. Every write
/// records it; access control (a later issue) will check its grants in the use case, the one place every adapter goes
/// through.
public sealed record Actor(string Name)
{
    public static Actor Of(HttpContext http) => new(http.User.Identity?.Name ?? "web");

    /// The command line acts as the operating system's user until accounts exist.
    public static Actor Operator() => new(Environment.UserName);

    public override string ToString() => Name;
}
