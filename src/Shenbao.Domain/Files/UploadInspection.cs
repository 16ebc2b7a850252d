namespace Shenbao.Domain.Files;

/// <summary>How much an upload may be and unpack to.</summary>
/// <param name="MaxUnpackedBytes">what a PDF's object streams or an OFD's entries may unpack to, all together</param>
/// <param name="MaxPixels">a picture's width × height</param>
public sealed record UploadLimits(long MaxBytes, long MaxUnpackedBytes = 100L * 1024 * 1024, long MaxPixels = 100_000_000);

/// <summary>
/// Whether an uploaded file may become a proof: its name (<see cref="FileNames"/>), its kind recognised from its content
/// (<see cref="FileKinds"/>), the name's extension agreeing with that kind (“invoice.pdf.exe” is not a PDF, and a PDF
/// named .png is refused too, so that what people see is what it is), and the content read by its format's rules.
/// Every refusal is a sentence a person can act on. A virus scan, where one is configured, comes after this.
/// </summary>
public static class UploadInspection
{
    public abstract record Result
    {
        private Result() { }
        public sealed record Accepted(FileKind Kind, string Name) : Result;
        public sealed record Refused(string Message) : Result;
    }

    /// <summary>What the name and the declared size already refuse, before a byte of the upload is read; null when nothing.</summary>
    public static Result.Refused? RefusalBeforeReading(string? fileName, long length, UploadLimits limits) => Named(fileName, length, limits).Refusal;

    private static (FileNames.Result.Accepted? Name, Result.Refused? Refusal) Named(string? fileName, long length, UploadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return FileNames.Check(fileName) switch
        {
            FileNames.Result.Refused refused => (null, new Result.Refused(refused.Message)),
            FileNames.Result.Accepted named when length == 0 => (named, new Result.Refused($"文件“{named.Name}”是空文件")),
            FileNames.Result.Accepted named when length > limits.MaxBytes => (named, new Result.Refused($"文件“{named.Name}”超过 {Megabytes(limits.MaxBytes)} 的上限")),
            var named => ((FileNames.Result.Accepted)named, null),
        };
    }

    public static Result Inspect(string? fileName, ReadOnlyMemory<byte> content, UploadLimits limits)
    {
        var (named, refusal) = Named(fileName, content.Length, limits);
        if (refusal is not null) return refusal;
        var (name, extension) = (named!.Name, named.Extension);
        if (FileKinds.Sniff(content) is not { } kind)
            return new Result.Refused($"文件“{name}”的内容不是 {FileKinds.AcceptedNames} 文件，请上传这几种格式的文件");
        if (!kind.Extensions.Contains(extension))
            return new Result.Refused($"文件“{name}”的扩展名是“{FileNames.Visible(extension)}”，内容却是 {kind.Name} 文件；请把扩展名改为 {kind.Extensions[0]} 后重新上传");
        var problem = kind == FileKinds.Pdf ? PdfInspection.Refusal(content.Span, limits.MaxUnpackedBytes)
            : kind == FileKinds.Png ? ImageInspection.PngRefusal(content.Span, limits.MaxPixels)
            : kind == FileKinds.Jpeg ? ImageInspection.JpegRefusal(content.Span, limits.MaxPixels)
            : OfdInspection.Refusal(content, limits.MaxUnpackedBytes);
        return problem is null ? new Result.Accepted(kind, name) : new Result.Refused($"文件“{name}”{problem}");
    }

    public static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.#} MB";
}
