using GiamNgheo.Data.Bulk;
using GiamNgheo.Files.Tabular;
using GiamNgheo.Data.Model;
using GiamNgheo.Domain.Common;
using Microsoft.EntityFrameworkCore;
using GiamNgheo.Files.Exchange;
using GiamNgheo.Data.Changes;

namespace GiamNgheo.Data.Scorecards;

public sealed record AnswersImportReport(bool Applied, int Rows, int Households, int ErrorCount, IReadOnlyList<RowError> Errors)
{
    /// The communes, by year, whose households got answers: their classification is recomputed afterwards.
    public IReadOnlyList<(int Year, long CommuneId)> Communes { get; init; } = [];
}

/// Imports Phiếu B answers in long format, one answer a row: Mã hộ, Năm, Mã đặc điểm, Mã lựa chọn. All or nothing,
/// errors in the household file's style (row, column, value, rule). Each row is checked against the card in force
/// for its year; rows go to a staging table, the household codes are resolved and the answers upserted with one
/// set-based statement each.
public static class ScorecardAnswersImport
{
    public const string Household = "Mã hộ", Year = "Năm", Characteristic = "Mã đặc điểm", Option = "Mã lựa chọn";
    private static readonly (string, bool)[] Columns = [(Household, true), (Year, true), (Characteristic, true), (Option, true)];

    private sealed record Staged(int Row, string Code, int Year, string Characteristic, string Option);

    private static readonly StagingColumn<Staged>[] StagedColumns =
    [
        new("row_number", ColumnType.Int, r => r.Row),
        new("household_code", ColumnType.Text, r => r.Code),
        new("year", ColumnType.Int, r => r.Year),
        new("characteristic_code", ColumnType.Text, r => r.Characteristic),
        new("option_code", ColumnType.Text, r => r.Option),
    ];

    public static async Task<AnswersImportReport> ImportAsync(RegistryDb db, string path, bool dryRun, string actor, DateTime nowUtc, CancellationToken ct = default)
    {
        await using var stream = File.OpenRead(path);
        return await ImportAsync(db, stream, Path.GetFileName(path), dryRun, actor, nowUtc, ct);
    }

    public static async Task<AnswersImportReport> ImportAsync(RegistryDb db, Stream stream, string name, bool dryRun, string actor, DateTime nowUtc,
        CancellationToken ct = default)
    {
        // Read as its content is, its header row found below any title rows: the household file's reading (HouseholdFiles).
        try
        {
            using var reader = TabularFile.Open(stream, name, Columns.Select(c => c.Item1).ToList());
            return await RunAsync(db, reader.Headers, reader.Rows().Select(r => new RawRow(r.RowNumber, r.Cells, r.Problems.Count > 0 ? r.Problems : null)),
                name, dryRun, actor, nowUtc, ct);
        }
        catch (TabularFileException e)
        {
            db.ChangeTracker.Clear();
            return Refused(e.Error ?? new RowError(0, "Tệp", name, e.Message));
        }
    }

    public static async Task<AnswersImportReport> RunAsync(RegistryDb db, IReadOnlyList<string> headers, IEnumerable<RawRow> rows,
        string fileName, bool dryRun, string actor, DateTime nowUtc, CancellationToken ct = default)
    {
        var (map, headerErrors) = HouseholdFile.MapHeaders(headers, Columns);
        if (headerErrors.Count > 0) return new AnswersImportReport(false, 0, 0, headerErrors.Count, headerErrors);

        // Read before the staging COPY starts: PostgreSQL runs nothing else on a connection during a COPY.
        var loaded = await ScorecardStore.LoadedAsync(db, null, ct);
        var seen = new Dictionary<(string, int, string), int>();
        var errors = new List<RowError>();
        int count = 0, errorCount = 0;
        void Error(RowError e) { errorCount++; if (errors.Count < 1000) errors.Add(e); }

        await db.Database.OpenConnectionAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await using (var stage = await StagingTable<Staged>.CreateAsync(db, "stage_answer", StagedColumns, ct))
        {
            foreach (var raw in rows)
            {
                string Cell(int c) => map[c] < raw.Cells.Count ? raw.Cells[map[c]].Trim() : "";
                var (code, yearText, chCode, optCode) = (Cell(0), Cell(1), Cell(2), Cell(3));
                var before = errorCount;
                foreach (var problem in raw.Problems ?? []) Error(problem);
                if (code.Length == 0) Error(new RowError(raw.Number, Household, code, "Không được để trống."));
                // The same characters as the household file's Mã hộ: nothing PostgreSQL would refuse (NUL) reaches staging.
                else if ((TextCharacters.Code.Problem(Household, code) ?? TextCharacters.TooLong(Household, code, 30)) is { } bad)
                    Error(new RowError(raw.Number, Household, TextCharacters.Shown(code), bad));
                if (!int.TryParse(yearText, out var year) || year < 2016 || year > 2100)
                {
                    Error(new RowError(raw.Number, Year, yearText, "Năm rà soát phải là số có 4 chữ số, từ 2016."));
                    continue;
                }
                if (ScorecardStore.ForYear(loaded, year) is not { } card)
                {
                    Error(new RowError(raw.Number, Year, yearText, $"Chưa nạp Phiếu B nào áp dụng cho năm {year} (giamngheo scorecard load)."));
                    continue;
                }
                var ch = card.Characteristics.FirstOrDefault(c => string.Equals(c.Code, chCode, StringComparison.OrdinalIgnoreCase));
                if (ch is null)
                    Error(new RowError(raw.Number, Characteristic, chCode, $"Không có trong {card.Label}; các mã cần trả lời: {string.Join(", ", card.Characteristics.Where(c => c.Answered).Select(c => c.Code))}."));
                else if (!ch.Answered)
                    Error(new RowError(raw.Number, Characteristic, chCode, $"«{ch.Name}» được tính từ thông tin của hộ, không nhập câu trả lời."));
                else if (!ch.Options.Any(o => o.Code == optCode))
                    Error(new RowError(raw.Number, Option, optCode, $"Không có lựa chọn này cho {ch.Code} {ch.Name}; các mã: {string.Join(", ", ch.Options.Select(o => $"{o.Code} ({o.Label})"))}."));
                if (ch is not null && errorCount == before && !seen.TryAdd((code, year, ch.Code), raw.Number))
                    Error(new RowError(raw.Number, Characteristic, chCode, $"Trùng với dòng {seen[(code, year, ch.Code)]} (cùng hộ, năm và đặc điểm)."));
                if (errorCount > before) continue;
                count++;
                await stage.WriteAsync(new Staged(raw.Number, code, year, ch!.Code, optCode), ct);
            }
            await stage.CompleteAsync(ct);
        }

        // Households are resolved in the database: the code must have facts for that year.
        foreach (var unknown in await Sql.ListAsync(db, """
            SELECT s.row_number, s.household_code, s.year FROM stage_answer s
            WHERE NOT EXISTS (SELECT 1 FROM households h JOIN household_years y ON y.household_id = h.id AND y.year = s.year WHERE h.code = s.household_code)
            ORDER BY s.row_number
            """, r => new RowError(r.GetInt32(0), Household, r.GetString(1), $"Không có hộ mã này trong năm {r.GetInt32(2)}; nhập danh sách hộ của năm trước."), ct))
            Error(unknown);

        if (errorCount > 0)
        {
            await tx.RollbackAsync(ct);
            return new AnswersImportReport(false, count, 0, errorCount, errors.OrderBy(e => e.Row).ToList());
        }
        var households = seen.Keys.Select(k => (k.Item1, k.Item2)).Distinct().Count();
        await Sql.ExecuteAsync(db, """
            INSERT INTO scorecard_answers (household_id, year, characteristic_code, option_code)
            SELECT h.id, s.year, s.characteristic_code, s.option_code FROM stage_answer s JOIN households h ON h.code = s.household_code
            WHERE true
            ON CONFLICT (household_id, year, characteristic_code) DO UPDATE SET option_code = excluded.option_code
            """, ct);
        if (dryRun)
        {
            await tx.RollbackAsync(ct);
            return new AnswersImportReport(false, count, households, 0, []);
        }
        var communes = await Sql.ListAsync(db, """
            SELECT DISTINCT s.year, y.unit_id FROM stage_answer s JOIN households h ON h.code = s.household_code
            JOIN household_years y ON y.household_id = h.id AND y.year = s.year
            """, r => (r.GetInt32(0), r.GetInt64(1)), ct);
        db.Set<ChangeRecord>().Add(new ChangeRecord
        {
            At = nowUtc, Actor = actor, Action = "scorecard.answers.import", Subject = fileName,
            Summary = $"Nhập câu trả lời Phiếu B từ tệp {fileName}: {VnFormat.Number(count)} câu trả lời của {VnFormat.Number(households)} hộ.",
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new AnswersImportReport(true, count, households, 0, []) { Communes = communes };
    }

    private static AnswersImportReport Refused(RowError e) => new(false, 0, 0, 1, [e]);

    public static string Describe(AnswersImportReport r, bool dryRun) =>
        r.ErrorCount > 0
            ? $"Tệp bị từ chối: {VnFormat.Number(r.ErrorCount)} lỗi. Không có thay đổi nào được ghi."
            : dryRun
                ? $"Kiểm tra xong, không có lỗi: {VnFormat.Number(r.Rows)} câu trả lời của {VnFormat.Number(r.Households)} hộ (chưa ghi vì đang chạy thử)."
                : $"Đã nhập {VnFormat.Number(r.Rows)} câu trả lời Phiếu B của {VnFormat.Number(r.Households)} hộ.";
}
