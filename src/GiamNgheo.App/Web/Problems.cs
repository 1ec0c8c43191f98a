using GiamNgheo.App.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GiamNgheo.App.Web;

/// Every API error is a Vietnamese problem+json: a use case's failure, a bad parameter the framework refused, an
/// unknown route, a body too large, or a fault of ours (then without its stack trace). Never an empty body.
public static class Problems
{
    public static string Title(int status) => status switch
    {
        400 => "Yêu cầu không hợp lệ",
        404 => "Không tìm thấy",
        405 => "Phương thức không được hỗ trợ",
        409 => "Xung đột dữ liệu",
        413 => "Tệp hoặc yêu cầu quá lớn",
        415 => "Định dạng nội dung không được hỗ trợ",
        _ when status >= 500 => "Lỗi hệ thống",
        _ => "Yêu cầu không thực hiện được",
    };

    private static string Detail(int status) => status switch
    {
        400 => "Tham số của yêu cầu không đúng kiểu hoặc thiếu; xem tài liệu API tại /openapi/v1.json.",
        404 => "Không có địa chỉ hoặc dữ liệu này.",
        405 => "Địa chỉ này không nhận phương thức đã dùng.",
        413 => "Yêu cầu vượt quá dung lượng cho phép.",
        _ when status >= 500 => "Hệ thống gặp lỗi khi xử lý yêu cầu; lỗi đã được ghi lại. Hãy thử lại hoặc báo cho quản trị viên.",
        _ => "Yêu cầu không thực hiện được.",
    };

    /// A use case's failure as problem details: 404 when what was asked for does not exist, else 400.
    public static ProblemHttpResult From(Failure failure)
    {
        var status = failure.Kind switch
        {
            FailureKind.NotFound => StatusCodes.Status404NotFound,
            FailureKind.Busy => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        var extensions = failure.Fields is { Count: > 0 } fields
            ? new Dictionary<string, object?> { ["errors"] = fields.Select(f => new { field = f.Field, value = f.Value, message = f.Message }).ToList() }
            : null;
        return TypedResults.Problem(detail: failure.Message, statusCode: status, title: Title(status), extensions: extensions);
    }

    /// Titles and details in Vietnamese for problems the framework writes itself.
    public static void Customize(ProblemDetailsOptions o) => o.CustomizeProblemDetails = c =>
    {
        var status = c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode;
        if (c.ProblemDetails.Title is null || c.ProblemDetails.Title.All(ch => ch < 128)) c.ProblemDetails.Title = Title(status);
        if (c.ProblemDetails.Detail is null || c.ProblemDetails.Detail.All(ch => ch < 128)) c.ProblemDetails.Detail = Detail(status);
        c.ProblemDetails.Extensions.Remove("traceId");
        c.ProblemDetails.Extensions.Remove("exception");
    };

    /// Faults become a 500 problem for the API and a plain Vietnamese page elsewhere; empty error responses of the API
    /// (an unknown route, a parameter that does not bind) get a problem body.
    public static void Use(WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException b ? b.StatusCode : StatusCodes.Status500InternalServerError,
            ExceptionHandler = async http =>
            {
                var status = http.Response.StatusCode;
                if (http.Request.Path.StartsWithSegments("/api"))
                {
                    var writer = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                    await writer.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = new ProblemDetails { Status = status } });
                    return;
                }
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync($"<!DOCTYPE html><html lang=\"vi\"><meta charset=\"utf-8\"><title>{Title(status)}</title>" +
                    $"<body style=\"font-family:sans-serif;padding:1rem\"><h1>{Title(status)}</h1><p>{Detail(status)}</p><p><a href=\"/units\">Về trang chính</a></p></body></html>");
            },
        });
        app.UseStatusCodePages(async c =>
        {
            var http = c.HttpContext;
            if (!http.Request.Path.StartsWithSegments("/api")) return;
            var writer = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            await writer.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = new ProblemDetails { Status = http.Response.StatusCode } });
        });
    }
}
