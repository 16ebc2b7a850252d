using Shenbao.Data;
using Shenbao.Domain.Files;

namespace Shenbao.Web.Files;

/// <summary>
/// Uploaded documents on disk, content-addressed by SHA-256 under {DataPath}/files/ab/abcdef…: the same
/// document uploaded twice is stored once, and a stored file can never be silently changed under its name.
/// A file is stored only after its name, its format (<see cref="UploadInspection"/>) and the virus scanner accept it.
/// </summary>
public sealed class FileStore(IConfiguration configuration, IVirusScanner scanner, ILogger<FileStore> logger)
{
    private readonly string root = Path.Combine(configuration["Shenbao:DataPath"] ?? "./data", "files");

    public long MaxBytes { get; } = configuration.GetValue("Shenbao:MaxUploadBytes", 20L * 1024 * 1024);

    /// <summary>What one request may carry to a page that takes files: a few files at the limit and the form around them.</summary>
    public long MaxRequestBytes => MaxBytes * 4 + 1024 * 1024;

    public string MaxDescription => UploadInspection.Megabytes(MaxBytes);

    public abstract record Result
    {
        private Result() { }
        /// <summary>The file as stored: its hash, its kind and its name as checked (<see cref="FileNames"/>).</summary>
        public sealed record Stored(string Sha256, FileKind Kind, long Size, string FileName) : Result;
        public sealed record Refused(string Message) : Result;
    }

    /// <summary>Reads at most the size limit, inspects the name and the content, has it scanned, then stores it.</summary>
    public async Task<Result> SaveAsync(IFormFile file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        var limits = new UploadLimits(MaxBytes);
        // a name that will not do, or a file too large, is refused before it is read
        if (UploadInspection.RefusalBeforeReading(file.FileName, file.Length, limits) is { } early) return new Result.Refused(early.Message);
        using var buffer = new MemoryStream();
        await using (var input = file.OpenReadStream())
            await input.CopyToAsync(buffer, ct);
        var content = buffer.GetBuffer().AsMemory(0, (int)Math.Min(buffer.Length, MaxBytes + 1));

        switch (UploadInspection.Inspect(file.FileName, content, limits))
        {
            case UploadInspection.Result.Refused refused:
                return new Result.Refused(refused.Message);
            case UploadInspection.Result.Accepted accepted:
                switch (await scanner.ScanAsync(content, ct))
                {
                    case ScanResult.Infected infected:
                        logger.LogWarning("Upload refused: the virus scanner found {Signature} in a {Kind} file of {Size} bytes", infected.Signature, accepted.Kind.Name, content.Length);
                        return new Result.Refused($"文件“{accepted.Name}”含有病毒或恶意代码（{infected.Signature}），未保存");
                    case ScanResult.Unavailable unavailable:
                        logger.LogError("Upload held: the virus scanner is unavailable ({Reason})", unavailable.Reason);
                        return new Result.Refused($"病毒扫描服务暂时不可用，为安全起见文件“{accepted.Name}”未保存；请稍后重新上传，如持续出现请联系技术支持");
                }
                var sha = await StoredFiles.WriteAsync(root, content, ct);
                return new Result.Stored(sha, accepted.Kind, content.Length, accepted.Name);
            default:
                throw new InvalidOperationException("an inspection without an outcome");
        }
    }

    /// <summary>Whether a file can be written where uploads go (a probe written and removed): what /readyz asks.</summary>
    public async Task<bool> WritableAsync(CancellationToken ct)
    {
        var probe = Path.Combine(root, $".ready-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(root);
            await File.WriteAllBytesAsync(probe, [1], ct);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        finally
        {
            try { File.Delete(probe); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The stored bytes once their SHA-256 is checked again; null when the file is missing.</summary>
    public Task<StoredFiles.Content?> ReadAsync(string sha256, CancellationToken ct) => StoredFiles.ReadAsync(root, sha256, ct);
}
