using Shenbao.Data;
using Shenbao.Domain.Files;

namespace Shenbao.Web.Files;

/// <summary>
/// Uploaded documents on disk, content-addressed by SHA-256 under {DataPath}/files/ab/abcdef…: the same
/// document uploaded twice is stored once, and a stored file can never be silently changed under its name.
/// </summary>
public sealed class FileStore(IConfiguration configuration)
{
    private readonly string root = Path.Combine(configuration["Shenbao:DataPath"] ?? "./data", "files");

    public long MaxBytes { get; } = configuration.GetValue("Shenbao:MaxUploadBytes", 20L * 1024 * 1024);

    public string MaxDescription => $"{MaxBytes / 1024.0 / 1024.0:0.#} MB";

    public abstract record Result
    {
        private Result() { }
        public sealed record Stored(string Sha256, FileKind Kind, long Size) : Result;
        public sealed record Refused(string Message) : Result;
    }

    /// <summary>Reads at most the size limit, recognises the kind from the content, then stores it.</summary>
    public async Task<Result> SaveAsync(IFormFile file, CancellationToken ct)
    {
        if (file.Length == 0) return new Result.Refused($"文件“{file.FileName}”是空文件");
        if (file.Length > MaxBytes) return new Result.Refused($"文件“{file.FileName}”超过 {MaxDescription} 的上限");
        using var buffer = new MemoryStream();
        await using (var input = file.OpenReadStream())
            await input.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBytes) return new Result.Refused($"文件“{file.FileName}”超过 {MaxDescription} 的上限");

        var content = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (FileKinds.Sniff(content) is not { } kind)
            return new Result.Refused($"文件“{file.FileName}”的内容不是 {FileKinds.AcceptedNames} 文件，请上传这几种格式的文件");

        var sha = await StoredFiles.WriteAsync(root, content, ct);
        return new Result.Stored(sha, kind, buffer.Length);
    }

    public Stream? Open(string sha256) => StoredFiles.PathOf(root, sha256) is { } path && File.Exists(path) ? File.OpenRead(path) : null;
}
