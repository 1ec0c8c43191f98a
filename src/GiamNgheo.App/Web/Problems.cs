using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using GiamNgheo.App.Features;
using GiamNgheo.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GiamNgheo.App.Web;

/// Every error is Vietnamese, said here: under /api a problem+json with a title and a detail, elsewhere the page's own
/// message with the matching status, or a plain Vietnamese page. It covers a use case's failure, a parameter the
/// framework could not bind (named, with its value), an unknown route, an address or a body too large, and a fault of
/// ours (then without its stack trace). Never an empty body, never the developer exception page.
public static partial class Problems
{
    /// The longest address (path and query) the app reads. Kestrel answers a longer request line itself, with an empty
    /// 414, so its own limit is set higher (<see cref="ServerRequestLineLimit"/>) and the app says it in Vietnamese up
    /// to there. 8 KiB is Kestrel's default.
    public const int MaxAddressLength = 8 * 1024;
    public const int ServerRequestLineLimit = 64 * 1024;

    /// A page's failure message, for the status page (<see cref="Page"/>).
    private const string MessageKey = "GiamNgheo.Problem";

    public static string Title(int status) => status switch
    {
        400 => "Yêu cầu không hợp lệ",
        404 => "Không tìm thấy",
        405 => "Phương thức không được hỗ trợ",
        409 => "Xung đột dữ liệu",
        413 => "Tệp hoặc yêu cầu quá lớn",
        414 => "Địa chỉ quá dài",
        415 => "Định dạng nội dung không được hỗ trợ",
        _ when status >= 500 => "Lỗi hệ thống",
        _ => "Yêu cầu không thực hiện được",
    };

    private static string Detail(int status, bool api = true) => status switch
    {
        400 when !api => "Địa chỉ có tham số không đúng kiểu hoặc thiếu.",
        400 => "Tham số của yêu cầu không đúng kiểu hoặc thiếu; xem tài liệu API tại /openapi/v1.json.",
        404 => "Không có địa chỉ hoặc dữ liệu này.",
        405 => "Địa chỉ này không nhận phương thức đã dùng.",
        413 => "Yêu cầu vượt quá dung lượng cho phép.",
        414 => $"Địa chỉ (đường dẫn và tham số) dài hơn {MaxAddressLength} ký tự.",
        415 => "Địa chỉ này không nhận định dạng nội dung đã gửi; tệp được gửi dạng multipart/form-data.",
        _ when status >= 500 => "Hệ thống gặp lỗi khi xử lý yêu cầu; lỗi đã được ghi lại. Hãy thử lại hoặc báo cho quản trị viên.",
        _ => "Yêu cầu không thực hiện được.",
    };

    /// 404 when what was asked for does not exist, 409 when another write holds the registry, else 400.
    public static int Status(Failure failure) => failure.Kind switch
    {
        FailureKind.NotFound => StatusCodes.Status404NotFound,
        FailureKind.Busy => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    /// A use case's failure as problem details.
    public static ProblemHttpResult From(Failure failure)
    {
        var status = Status(failure);
        var extensions = failure.Fields is { Count: > 0 } fields
            ? new Dictionary<string, object?> { ["errors"] = fields.Select(f => new { field = f.Field, value = f.Value, message = f.Message }).ToList() }
            : null;
        return TypedResults.Problem(detail: failure.Message, statusCode: status, title: Title(status), extensions: extensions);
    }

    /// A page that has nothing to show for a failure (a household that does not exist): the status page says the
    /// failure's message, with its status.
    public static IActionResult Page(PageModel page, Failure failure)
    {
        page.HttpContext.Items[MessageKey] = failure.Message;
        return new StatusCodeResult(Status(failure));
    }

    /// A failure a page shows in its own body, beside the filters to correct it: the message, the status set to match.
    public static string InPage(PageModel page, Failure failure)
    {
        page.Response.StatusCode = Status(failure);
        return failure.Message;
    }

    /// The framework's handling of errors, made Vietnamese: problem titles and details, minimal APIs' binding failures
    /// raised (so that the handler below can name the parameter), the page filter for bad GET parameters, and Kestrel's
    /// request line limit above the app's own.
    public static void AddServices(IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            var status = c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode;
            if (c.ProblemDetails.Title is null || c.ProblemDetails.Title.All(ch => ch < 128)) c.ProblemDetails.Title = Title(status);
            if (c.ProblemDetails.Detail is null || c.ProblemDetails.Detail.All(ch => ch < 128)) c.ProblemDetails.Detail = Detail(status);
            c.ProblemDetails.Extensions.Remove("traceId");
            c.ProblemDetails.Extensions.Remove("exception");
        });
        // Off by default outside Development: the 400 would then come without the parameter's name.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<MvcOptions>(o => o.Filters.Add(new PageBinding()));
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestLineSize = ServerRequestLineLimit);
    }

    /// Faults, errors the framework raises and empty error responses become Vietnamese; an address longer than the
    /// app reads is answered 414. First in the pipeline.
    public static void Use(WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException b ? b.StatusCode : StatusCodes.Status500InternalServerError,
            // A request the framework refused is answered above and is no fault of ours: not logged as an error.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
            ExceptionHandler = http =>
            {
                var status = http.Response.StatusCode;
                var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
                return WriteAsync(http, status, error is BadHttpRequestException b ? BindingDetail(b.Message) : null);
            },
        });
        app.UseStatusCodePages(c => WriteAsync(c.HttpContext, c.HttpContext.Response.StatusCode, c.HttpContext.Items[MessageKey] as string));
        app.Use((http, next) => http.Request.Path.Value?.Length + http.Request.QueryString.Value?.Length > MaxAddressLength
            ? WriteAsync(http, StatusCodes.Status414UriTooLong, null)
            : next(http));
    }

    /// After routing, when the body limit of the address is known (the import's, from its endpoint, else the server's):
    /// a body declared larger is answered 413 before anything reads it. Read, it would fail inside the page's antiforgery
    /// check, which answers an empty 400. A body sent without its length is stopped by Kestrel while read (handled above).
    public static void UseBodyLimit(WebApplication app) => app.Use((http, next) =>
        http.Request.ContentLength is { } length && BodyLimit(http) is { } max && length > max
            ? WriteAsync(http, StatusCodes.Status413PayloadTooLarge, null)
            : next(http));

    private static long? BodyLimit(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
        ?? http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;

    private static string TooLarge(HttpContext http)
    {
        static string Megabytes(long bytes) => (bytes / (1024m * 1024)).ToString("0.## MB", VnFormat.Culture);
        var sent = http.Request.ContentLength is { } length ? $" ({Megabytes(length)})" : "";
        var limit = BodyLimit(http) is { } max ? $" {Megabytes(max)}" : "";
        return $"Tệp hoặc yêu cầu gửi lên{sent} vượt quá giới hạn{limit} của địa chỉ này. Hãy chia nhỏ tệp (ví dụ theo xã/phường) hoặc nhờ quản trị viên nâng giới hạn.";
    }

    /// The parameter a minimal API could not bind, read from the framework's message (RequestDelegateFactory:
    /// «Failed to bind parameter "int? year" from "abc".», «Required parameter "string unit" was not provided from
    /// query string.»); null for any other message (then the status's own detail).
    private static string? BindingDetail(string message)
    {
        var m = BindingPattern().Match(message);
        if (!m.Success) return null;
        var (type, name) = (m.Groups["type"].Value, m.Groups["name"].Value);
        return m.Groups["value"].Success ? BadValue(name, m.Groups["value"].Value, type) : $"Thiếu tham số «{name}»{Expecting(type)}.";
    }

    [GeneratedRegex("""parameter "(?<type>[^"]+) (?<name>[^" ]+)" (?:from "(?<value>.*)"\.$|was not provided)""", RegexOptions.Singleline)]
    private static partial Regex BindingPattern();

    /// A value not of its parameter's type: a year says the review years' rule, a number says it wants one.
    private static string BadValue(string name, string value, string type)
    {
        if (name.Equals("year", StringComparison.OrdinalIgnoreCase) && ReviewYears.Check(value, out _) is { } badYear) return badYear.Message;
        var shown = value.Length > 100 ? value[..100] + "…" : value;
        return $"Tham số «{name}»: giá trị «{shown}» không hợp lệ{Expecting(type)}.";
    }

    /// The parameter's type as the framework names it ("int?", "Nullable<long>") or as its CLR name (Int32).
    private static string Expecting(string type) => type.Replace("Nullable<", "").TrimEnd('>', '?') switch
    {
        "int" or "long" or "Int32" or "Int64" => "; cần một số nguyên",
        "decimal" or "double" or "Decimal" or "Double" => "; cần một số",
        "bool" or "Boolean" => "; cần true hoặc false",
        "IFormFile" => "; cần một tệp gửi kèm (multipart/form-data)",
        _ => "",
    };

    /// Under /api a problem+json (its title and detail completed above), elsewhere a plain Vietnamese page.
    private static async Task WriteAsync(HttpContext http, int status, string? detail)
    {
        http.Response.StatusCode = status;
        detail ??= status == StatusCodes.Status413PayloadTooLarge ? TooLarge(http) : null;
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            var writer = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            await writer.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = new ProblemDetails { Status = status, Detail = detail } });
            return;
        }
        var title = Title(status);
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync($"<!DOCTYPE html><html lang=\"vi\"><meta charset=\"utf-8\"><title>{title}</title><link rel=\"stylesheet\" href=\"/site.css\">" +
            $"<body style=\"font-family:sans-serif;padding:1rem\"><h1>{title}</h1><p role=\"alert\">{http.RequestServices.GetRequiredService<HtmlEncoder>().Encode(detail ?? Detail(status, api: false))}</p>" +
            "<p><a href=\"/units\">Về trang chính</a></p></body></html>");
    }

    /// A page's GET parameters come from an address (a link, or one typed or edited): a value that does not bind
    /// (year=abc, a number too large) is answered 400 naming the parameter and its value, never read as absent.
    private sealed class PageBinding : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext c, PageHandlerExecutionDelegate next)
        {
            if (!HttpMethods.IsGet(c.HttpContext.Request.Method) || c.ModelState.IsValid) return next();
            var (name, entry) = c.ModelState.First(e => e.Value?.ValidationState == ModelValidationState.Invalid);
            var type = (c.HandlerMethod?.Parameters ?? []).Cast<ParameterDescriptor>().Concat(c.ActionDescriptor.BoundProperties)
                .FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.ParameterType;
            c.HttpContext.Items[MessageKey] = BadValue(name, entry!.AttemptedValue ?? "", type is null ? "" : (Nullable.GetUnderlyingType(type) ?? type).Name);
            c.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
            return Task.CompletedTask;
        }
    }
}
