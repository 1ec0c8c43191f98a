using System.Diagnostics;
using System.IO.Compression;
using GiamNgheo.Files.Exchange;
using GiamNgheo.Files.Tabular;

namespace GiamNgheo.Bench;

/// `files`: the peak memory of reading an exchange file through the readers, beside the plain read of the same bytes
/// in the same run (issue 8: a file of millions of rows is read in flat memory). Prints figures, asserts nothing.
/// Peak resident memory is Linux's VmHWM, reset before each step (write 5 to /proc/self/clear_refs).
public static class FilesBench
{
    private sealed record Step(string Name, double Seconds, long Bytes, long Rows, double PeakRssMB, double RssBeforeMB, double PeakHeapMB);

    public static void Run(string work, int megabytes)
    {
        Directory.CreateDirectory(work);
        var headers = HouseholdFile.Columns.Select(c => c.Header).ToList();
        var csv = Path.Combine(work, $"exchange-{megabytes}mb.csv");
        var xlsx = Path.Combine(work, $"exchange-{megabytes}mb.xlsx");
        var clock = Stopwatch.StartNew();
        var rowCount = WriteCsv(csv, headers, megabytes * 1_000_000L);
        using (var f = File.Create(xlsx)) XlsxWriter.Write(f, "Danh sách hộ", headers, Rows(rowCount));
        long sheetBytes;
        using (var zip = ZipFile.OpenRead(xlsx)) sheetBytes = zip.Entries.Max(e => e.Length);
        Console.WriteLine($"files: {rowCount:N0} member rows × {headers.Count} columns; CSV {new FileInfo(csv).Length / 1e6:0} MB, " +
                          $"XLSX {new FileInfo(xlsx).Length / 1e6:0} MB zipped with a sheet of {sheetBytes / 1e6:0} MB; written in {clock.Elapsed.TotalSeconds:0} s");

        var errors = Enumerable.Range(0, 1000).Select(i => new CellError(2 + (int)(i * (rowCount / 1000)), "Ngày sinh", $"Lỗi số {i}.")).ToList();
        var copyPath = Path.Combine(work, "exchange-loi.xlsx");
        var steps = new List<Step>
        {
            Measure("CSV: plain read of the bytes (baseline)", () => (CountBytes(File.OpenRead(csv)), 0)),
            Measure("CSV: TabularFile, every row", () => (new FileInfo(csv).Length, ReadAll(csv, headers))),
            Measure("XLSX: plain inflate of the sheet (baseline)", () =>
            {
                using var zip = ZipFile.OpenRead(xlsx);
                return (CountBytes(zip.Entries.MaxBy(e => e.Length)!.Open()), 0);
            }),
            Measure("XLSX: TabularFile, every row", () => (sheetBytes, ReadAll(xlsx, headers))),
            Measure("XLSX: error copy (1,000 errors) to a file", () =>
            {
                using var from = File.OpenRead(xlsx);
                using var to = File.Create(copyPath);
                XlsxErrorCopy.Annotate(from, to, errors);
                return (sheetBytes, 0);
            }),
        };

        Console.WriteLine();
        Console.WriteLine($"{"step",-46} {"seconds",8} {"MB/s",7} {"rows/s",10} {"peak RSS MB",12} {"RSS before",11} {"peak heap MB",13}");
        foreach (var s in steps)
            Console.WriteLine($"{s.Name,-46} {s.Seconds,8:0.00} {s.Bytes / 1e6 / s.Seconds,7:0} {(s.Rows == 0 ? "" : (s.Rows / s.Seconds).ToString("N0")),10} " +
                              $"{s.PeakRssMB,12:0} {s.RssBeforeMB,11:0} {s.PeakHeapMB,13:0}");
    }

    private static long ReadAll(string path, IReadOnlyList<string> headers)
    {
        using var f = File.OpenRead(path);
        using var reader = TabularFile.Open(f, Path.GetFileName(path), headers);
        long rows = 0;
        foreach (var row in reader.Rows()) rows += row.Cells.Length > 0 ? 1 : 0;
        return rows;
    }

    private static long CountBytes(Stream stream)
    {
        using (stream)
        {
            var buffer = new byte[1 << 20];
            long total = 0;
            int n;
            while ((n = stream.Read(buffer)) > 0) total += n;
            return total;
        }
    }

    private static Step Measure(string name, Func<(long Bytes, long Rows)> run)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var before = Status("VmRSS");
        File.WriteAllText("/proc/self/clear_refs", "5");
        var heapStart = GC.GetTotalMemory(false);
        long heapPeak = heapStart;
        var stop = false;
        var sampler = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
                Thread.Sleep(2);
            }
        }) { IsBackground = true };
        sampler.Start();
        var clock = Stopwatch.StartNew();
        var (bytes, rows) = run();
        clock.Stop();
        Volatile.Write(ref stop, true);
        sampler.Join();
        var step = new Step(name, clock.Elapsed.TotalSeconds, bytes, rows, Status("VmHWM"), before, heapPeak / 1e6);
        Console.WriteLine($"  {name}: {step.Seconds:0.00} s, peak RSS {step.PeakRssMB:0} MB");
        return step;
    }

    /// A line of /proc/self/status, in MB.
    private static double Status(string key) =>
        File.ReadLines("/proc/self/status").Where(l => l.StartsWith(key + ":", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1e3).Single();

    private static long WriteCsv(string path, IReadOnlyList<string> headers, long bytes)
    {
        using var w = new StreamWriter(path, false, new System.Text.UTF8Encoding(true), 1 << 16);
        w.WriteLine(CsvWriter.Line(headers));
        long rows = 0;
        foreach (var row in Rows(long.MaxValue))
        {
            w.WriteLine(CsvWriter.Line(row));
            rows++;
            if (rows % 1000 == 0 && w.BaseStream.Position >= bytes) break;
        }
        return rows;
    }

    private static readonly string[] Family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"];
    private static readonly string[] Middle = ["Văn", "Thị", "Hữu", "Đức", "Thu", "Minh", "Ngọc", "Quang"];
    private static readonly string[] Given = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Mai", "Nam", "Oanh", "Phúc"];

    /// Synthetic member rows in the exchange file's columns: households of 1 to 5 members, the household columns on
    /// the first row of each, the examples of the field list elsewhere.
    private static IEnumerable<string[]> Rows(long count)
    {
        var columns = HouseholdFile.Columns;
        long written = 0;
        for (var h = 1; written < count; h++)
        {
            var members = 1 + h % 5;
            for (var m = 0; m < members && written < count; m++, written++)
            {
                var cells = new string[columns.Count];
                for (var c = 0; c < columns.Count; c++)
                    cells[c] = columns[c].HouseholdLevel && m > 0 ? "" : columns[c].Example;
                cells[HouseholdFile.IndexOf(HouseholdFile.HouseholdCode)] = $"07444-{h:D6}";
                cells[HouseholdFile.IndexOf("full_name")] = $"{Family[(h + m) % Family.Length]} {Middle[(h * 3 + m) % Middle.Length]} {Given[(h * 7 + m) % Given.Length]}";
                cells[HouseholdFile.IndexOf("relation")] = m == 0 ? "Chủ hộ" : "Con";
                cells[HouseholdFile.IndexOf("citizen_id")] = "";
                yield return cells;
            }
        }
    }
}
