using GiamNgheo.App.Features.Units;
using GiamNgheo.Data.Classification;
using GiamNgheo.Data.Households;
using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Common;
using GiamNgheo.Files.Exchange;
using GiamNgheo.Files.Tabular;
using Microsoft.EntityFrameworkCore;

namespace GiamNgheo.App.Features.Import;

/// What an import did: the file's report and, when it was applied, the reclassification of the communes it wrote.
public sealed record ImportOutcome(ImportReport Report, IReadOnlyList<ClassifyReport> Reclassified, string? WhereWritten)
{
    /// One paragraph for the page and the command line, naming the year, the communes and the counts.
    public string Message => Report.ErrorCount > 0 || Report.DryRun || !Report.Applied
        ? HouseholdFiles.Describe(Report)
        : HouseholdFiles.Describe(Report) + (WhereWritten is null ? "" : " " + WhereWritten) + " " + ClassifyReports.Describe(Reclassified);
}

/// The household exchange file: its template, its import (all or nothing, then the stored results follow the facts),
/// the annotated copy of a rejected workbook, and the export of a unit's households. The forms of the Households
/// feature and the demo write through <see cref="ImportRowsAsync"/>, so a form obeys the file's rules.
public sealed class HouseholdExchange(RegistryDb db, IDbContextFactory<RegistryDb> contexts, Reclassification reclassification,
    UnitDirectory units, TimeProvider clock)
{
    public const string FaultVariable = "GIAMNGHEO_FAULT";

    public static Task WriteTemplateAsync(Stream output, FileFormat format, CancellationToken ct) => HouseholdTemplate.WriteAsync(output, format, ct);

    public Task<Outcome<ImportOutcome>> ImportFileAsync(Stream stream, string fileName, int year, bool dryRun, Actor actor,
        CancellationToken ct, TextWriter? trace = null) =>
        RunAsync(year, () => HouseholdFiles.ImportAsync(db, stream, fileName, year, dryRun, actor.Name, clock.GetUtcNow().UtcDateTime, ct, trace), ct);

    /// Rows of the exchange file from a form or the demo, under the file's rules. <paramref name="personByRow"/> names
    /// the person a form's row is (a member being edited keeps her identity whatever is corrected).
    public Task<Outcome<ImportOutcome>> ImportRowsAsync(IEnumerable<RawRow> rows, int year, Actor actor, string source, CancellationToken ct,
        IReadOnlyDictionary<int, long>? personByRow = null) =>
        RunAsync(year, () => HouseholdImport.RunAsync(db, HouseholdFile.Columns.Select(c => c.Header).ToList(), rows, year, dryRun: false,
            actor.Name, source, clock.GetUtcNow().UtcDateTime, ct, personByRow: personByRow), ct);

    /// The one path of a file and of a form: the year's rule, the import (a registry busy with another write is a
    /// failure to retry, not an exception), then the results of what it wrote.
    private async Task<Outcome<ImportOutcome>> RunAsync(int year, Func<Task<ImportReport>> import, CancellationToken ct)
    {
        if (ReviewYears.Check(year) is { } bad) return bad;
        ImportReport report;
        try { report = await import(); }
        catch (RegistryBusyException e) { return Failure.Busy(e.Message); }
        return await AfterAsync(report, ct);
    }

    private async Task<Outcome<ImportOutcome>> AfterAsync(ImportReport report, CancellationToken ct)
    {
        if (!report.Applied) return new ImportOutcome(report, [], null);
        // The crash test's fault (README, «Nhập dữ liệu»): the process dies after the facts are committed and before their
        // results follow, as a power cut would; the pending reclassification recorded with the facts survives it.
        if (Environment.GetEnvironmentVariable(FaultVariable) == "after-commit") Environment.FailFast("GIAMNGHEO_FAULT=after-commit");
        var reclassified = await reclassification.CommunesAsync(report.Year, report.CommuneIds, clock.GetUtcNow().UtcDateTime, ct);
        var names = report.CommuneIds.Count is > 0 and <= 5
            ? "Xã/phường: " + string.Join(", ", await db.Set<Data.Units.Unit>().Where(u => report.CommuneIds.Contains(u.Id)).OrderBy(u => u.Name).Select(u => u.Name).ToListAsync(ct)) + "."
            : report.CommuneIds.Count > 5 ? $"Ở {VnFormat.Number(report.CommuneIds.Count)} xã/phường." : null;
        return new ImportOutcome(report, reclassified, names);
    }

    /// The user's own workbook back, with a «Lỗi» column and the bad cells highlighted.
    public static byte[] ErrorCopy(Stream originalXlsx, ImportReport report) => HouseholdFiles.AnnotateErrors(originalXlsx, report);

    public async Task<Outcome<ExportResult>> ExportAsync(string unitCode, int year, FileFormat format, Stream output, CancellationToken ct)
    {
        var unit = await units.ForYearAsync(unitCode, year, ct);
        if (unit.Failure is { } f) return f;
        var rows = await HouseholdFiles.ExportAsync(contexts, output, unit.Value!.Id, year, format, ct);
        return new ExportResult(unit.Value, rows);
    }
}

public sealed record ExportResult(Data.Units.UnitView Unit, int Rows);
