using System.Buffers.Binary;

namespace Shenbao.Domain.Files;

/// <summary>
/// A PNG or JPEG read as its format lays it out, chunk by chunk or segment by segment, to its end marker: nothing may
/// follow it (a ZIP, a script or a virus riding on a picture), and its size in pixels is bounded so that a small file
/// cannot unpack into gigabytes on a reviewer's machine.
/// </summary>
public static class ImageInspection
{
    private const string Damaged = "的图片数据不完整或已损坏；请重新保存图片后上传";
    private const string Trailing = "在图片结束标记之后还附带了其他数据（可能夹带了别的文件）；请另存为普通图片后上传";

    public static string? PngRefusal(ReadOnlySpan<byte> png, long maxPixels)
    {
        var i = 8;   // after the signature
        var first = true;
        while (true)
        {
            if (i + 12 > png.Length) return Damaged;
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[i..]);
            var type = png.Slice(i + 4, 4);
            if (length > png.Length - i - 12) return Damaged;
            if (first)
            {
                if (!type.SequenceEqual("IHDR"u8) || length != 13) return Damaged;
                if (TooLarge(BinaryPrimitives.ReadUInt32BigEndian(png[(i + 8)..]), BinaryPrimitives.ReadUInt32BigEndian(png[(i + 12)..]), maxPixels) is { } large)
                    return large;
                first = false;
            }
            i += 12 + (int)length;
            if (type.SequenceEqual("IEND"u8)) return i == png.Length ? null : Trailing;
        }
    }

    public static string? JpegRefusal(ReadOnlySpan<byte> jpeg, long maxPixels)
    {
        var i = 2;   // after SOI
        var frame = false;
        while (true)
        {
            if (i + 2 > jpeg.Length || jpeg[i] != 0xFF) return Damaged;
            while (i < jpeg.Length && jpeg[i] == 0xFF) i++;   // fill bytes
            if (i >= jpeg.Length) return Damaged;
            var marker = jpeg[i++];
            if (marker == 0xD9) return frame ? AfterEnd(jpeg[i..]) : Damaged;
            if (marker is 0x01 or >= 0xD0 and <= 0xD7) continue;   // no length
            if (marker == 0xD8 || i + 2 > jpeg.Length) return Damaged;
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[i..]);
            if (length < 2 || i + length > jpeg.Length) return Damaged;
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (length < 8) return Damaged;
                if (TooLarge(BinaryPrimitives.ReadUInt16BigEndian(jpeg[(i + 5)..]), BinaryPrimitives.ReadUInt16BigEndian(jpeg[(i + 3)..]), maxPixels) is { } large)
                    return large;
                frame = true;
            }
            i += length;
            if (marker == 0xDA) i = AfterEntropyCodedData(jpeg, i);
        }
    }

    /// <summary>The scan's data runs to the next marker: an FF not followed by 00 (a stuffed byte) or a restart marker.</summary>
    private static int AfterEntropyCodedData(ReadOnlySpan<byte> jpeg, int i)
    {
        while (true)
        {
            var next = jpeg[i..].IndexOf((byte)0xFF);
            if (next < 0 || i + next + 1 >= jpeg.Length) return jpeg.Length;
            i += next;
            var following = jpeg[i + 1];
            if (following == 0x00 || following is >= 0xD0 and <= 0xD7 || following == 0xFF) { i += following == 0xFF ? 1 : 2; continue; }
            return i;
        }
    }

    /// <summary>Some cameras pad after the end marker; anything else is another file.</summary>
    private static string? AfterEnd(ReadOnlySpan<byte> rest) => rest.IndexOfAnyExcept((byte)0x00, (byte)0xFF) < 0 ? null : Trailing;

    private static string? TooLarge(long width, long height, long maxPixels) =>
        width == 0 || height == 0 ? Damaged
        : width * height > maxPixels ? $"的图片尺寸过大（{width}×{height} 像素，最多 {maxPixels / 1_000_000} 百万像素）；请缩小后上传"
        : null;
}
