using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Shenbao.Web.Pages;

/// <summary>What people see instead of a stack trace or a bare status code.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string RequestId { get; private set; } = "";
    public int? Code { get; private set; }
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet() => Describe();

    /// <summary>Binds nothing: the post that failed may have a body too large to read, and reading it again would fail again.</summary>
    public void OnPost() => Describe();

    private void Describe()
    {
        // a re-executed status code says ?code=…; an exception carries its own (the body cut off at its limit: 413)
        int? code = int.TryParse(Request.Query["code"], out var asked) ? asked
            : HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad ? bad.StatusCode : null;
        Code = code;
        if (code is >= 400 and < 600) Response.StatusCode = code.Value;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        (Title, Explanation) = code switch
        {
            404 => ("页面不存在", "您要找的页面或记录不存在，或您无权查看。"),
            403 => ("无权访问", "您的账号没有访问此页面的权限。"),
            400 when HttpContext.Items[typeof(Security.NulRefusal)] is string why => ("请求无效", why),
            400 => ("请求无效", "请求无法处理。如果是提交表单，请刷新页面后重试（页面可能已过期）。"),
            413 => ("文件过大", "上传的内容超过了允许的大小，未保存任何内容。请返回上一页，选择较小的文件（每个文件的上限见上传处的说明）后重试。"),
            _ => ("抱歉，系统出错了", "您的操作没有完成，请稍后重试。"),
        };
    }
}
