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

    public static Result Inspect(string? fileName, ReadOnlyMemory<byte> content, UploadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var (name, extension) = ("", "");
        switch (FileNames.Check(fileName))
        {
            case FileNames.Result.Refused refused: return new Result.Refused(refused.Message);
            case FileNames.Result.Accepted accepted: (name, extension) = (accepted.Name, accepted.Extension); break;
        }
        if (content.Length == 0) return new Result.Refused($"文件“{name}”是空文件");
        if (content.Length > limits.MaxBytes) return new Result.Refused($"文件“{name}”超过 {Megabytes(limits.MaxBytes)} 的上限");
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
