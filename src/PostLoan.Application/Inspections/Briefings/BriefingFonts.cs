using System.Buffers.Binary;
using PdfSharp.Fonts;

namespace PostLoan.Application.Inspections.Briefings;

/// <summary>
/// Finds the CJK font the PDF and the charts draw with. PDFsharp embeds TrueType (glyf) outlines only, and Debian's
/// default CJK font (Noto CJK) has CFF outlines, so the briefing looks for a TrueType-outline CJK font that also has
/// Latin letters and digits, at the paths Debian installs it to. Install it with
/// <c>apt-get install fonts-wqy-microhei</c> (<c>fonts-wqy-zenhei</c> or <c>fonts-arphic-uming</c> also do).
/// DroidSansFallback is not a candidate: it has no Latin glyphs, so figures would not show.
/// </summary>
public static class BriefingFonts
{
    /// <summary>The family name the writers ask for; the resolver and the chart renderer map it to the file found.</summary>
    public const string Family = "PostLoan CJK";

    /// <summary>The Debian package named in the error when no candidate is installed.</summary>
    public const string DebianPackage = "fonts-wqy-microhei";

    /// <summary>Known paths, best first; a .ttc file is a collection whose first face is used.</summary>
    public static readonly IReadOnlyList<string> Candidates =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
    ];

    // PublicationOnly does not cache a failure: once the package is installed, a running process finds the font.
    private static readonly Lazy<(string Path, byte[] TrueType)> Font = new(Load, LazyThreadSafetyMode.PublicationOnly);
    private static readonly object Gate = new();

    /// <summary>The font file in use.</summary>
    /// <exception cref="InvalidOperationException">when none of the candidates is installed.</exception>
    public static string Path => Font.Value.Path;

    /// <summary>The font as a single TrueType face (extracted from its collection when the file is a .ttc).</summary>
    public static byte[] TrueType => Font.Value.TrueType;

    /// <summary>
    /// Makes PDFsharp resolve every family to the CJK face. PDFsharp holds one resolver per process, so this sets it
    /// once and leaves it; all the briefing's text is drawn in this one face.
    /// </summary>
    public static void UseForPdf()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is Resolver) return;
            _ = TrueType; // fail here, with the package to install, rather than deep inside PDFsharp
            GlobalFontSettings.FontResolver = new Resolver();
        }
    }

    private static (string, byte[]) Load()
    {
        foreach (var path in Candidates)
        {
            if (!File.Exists(path)) continue;
            var bytes = File.ReadAllBytes(path);
            var face = IsCollection(bytes) ? FirstFace(bytes) : bytes;
            if (HasTable(face, "glyf")) return (path, face);
        }
        throw new InvalidOperationException(
            $"The briefing PDF needs a TrueType CJK font and none was found at {string.Join(", ", Candidates)}. " +
            $"Install the Debian package {DebianPackage} (apt-get install {DebianPackage}).");
    }

    private static bool IsCollection(byte[] font) => font.Length >= 12 && font.AsSpan(0, 4).SequenceEqual("ttcf"u8);

    /// <summary>
    /// PDFsharp 6 does not read TrueType collections, so the first face is copied out as a standalone font: its
    /// table directory with every table after it, each offset rewritten (collection offsets count from the start of
    /// the collection file) and each table padded to four bytes as the format requires.
    /// </summary>
    private static byte[] FirstFace(byte[] ttc)
    {
        var span = ttc.AsSpan();
        var start = (int)BinaryPrimitives.ReadUInt32BigEndian(span[12..]);
        var tables = BinaryPrimitives.ReadUInt16BigEndian(span[(start + 4)..]);
        var directory = 12 + 16 * tables;
        var size = directory;
        for (var i = 0; i < tables; i++)
            size += Padded((int)BinaryPrimitives.ReadUInt32BigEndian(span[(start + 12 + 16 * i + 12)..]));

        var face = new byte[size];
        span.Slice(start, directory).CopyTo(face);
        var position = directory;
        for (var i = 0; i < tables; i++)
        {
            var record = 12 + 16 * i;
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(face.AsSpan(record + 8));
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(face.AsSpan(record + 12));
            span.Slice(offset, length).CopyTo(face.AsSpan(position));
            BinaryPrimitives.WriteUInt32BigEndian(face.AsSpan(record + 8), (uint)position);
            position += Padded(length);
        }
        return face;
    }

    private static bool HasTable(byte[] font, string tag)
    {
        if (font.Length < 12) return false;
        var tables = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        var wanted = System.Text.Encoding.ASCII.GetBytes(tag);
        for (var i = 0; i < tables && 12 + 16 * i + 4 <= font.Length; i++)
            if (font.AsSpan(12 + 16 * i, 4).SequenceEqual(wanted)) return true;
        return false;
    }

    private static int Padded(int length) => (length + 3) & ~3;

    private sealed class Resolver : IFontResolver
    {
        private const string Face = "postloan-cjk";

        // One face only: bold is simulated by PDFsharp, italics are not used.
        public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
            new(Face, isBold, isItalic);

        public byte[] GetFont(string faceName) => TrueType;
    }
}
