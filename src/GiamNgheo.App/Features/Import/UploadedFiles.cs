namespace GiamNgheo.App.Features.Import;

/// Files uploaded to the import page between their check and the officer's confirmation: kept in a folder of the
/// server's temporary directory under a random token, deleted once written or refused, and at most
/// <see cref="KeptFor"/> after the upload (they hold personal data; nothing else reads them).
public sealed class UploadedFiles
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(2);

    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "giamngheo-uploads")).FullName;

    public async Task<string> SaveAsync(Stream content, CancellationToken ct)
    {
        foreach (var old in new DirectoryInfo(_folder).EnumerateFiles().Where(f => f.LastWriteTimeUtc < DateTime.UtcNow - KeptFor))
            try { old.Delete(); } catch (IOException) { }
        var token = Guid.NewGuid().ToString("N");
        await using var file = File.Create(PathOf(token));
        await content.CopyToAsync(file, ct);
        return token;
    }

    /// The file of a token, or null when it is unknown, malformed or expired.
    public Stream? Open(string? token) =>
        token is { Length: 32 } && token.All(Uri.IsHexDigit) && File.Exists(PathOf(token)) && File.GetLastWriteTimeUtc(PathOf(token)) >= DateTime.UtcNow - KeptFor
            ? File.OpenRead(PathOf(token))
            : null;

    public void Delete(string token)
    {
        if (token is { Length: 32 } && token.All(Uri.IsHexDigit)) File.Delete(PathOf(token));
    }

    private string PathOf(string token) => Path.Combine(_folder, token);
}
