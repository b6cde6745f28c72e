using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace PostLoan.Infrastructure.Import;

/// <summary>How to decode a file: <see cref="Auto"/> takes UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GB18030.</summary>
public enum ImportEncoding
{
    Auto,
    Utf8,
    Gb18030,
}

/// <summary>One problem in an import file: where it is, what was there, and why it is refused.</summary>
/// <param name="Row">Row number as in the file: the header is row 1, the first data row is row 2.</param>
public sealed record ImportProblem(int Row, string Column, string Value, string Cause);

public readonly record struct CsvRow(int Number, string[] Fields);

/// <summary>A CSV file read into memory: the header (trimmed, lower case) and the data rows.</summary>
public sealed record CsvTable(IReadOnlyList<string> Header, IReadOnlyList<CsvRow> Rows);

/// <summary>
/// Reads CSV text exported by core systems: UTF-8 with or without BOM, or GB18030 (GBK), which
/// domestic systems often write. Anything else (UTF-16, binary) is refused, not guessed at.
/// </summary>
public static class CsvSource
{
    static CsvSource() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 => Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static (CsvTable? Table, List<ImportProblem> Problems) Read(Stream stream, ImportEncoding encoding)
    {
        var bytes = ReadAll(stream);
        var problems = new List<ImportProblem>();
        var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var decoding = Detect(bytes, start, encoding, problems);
        if (decoding is null) return (null, problems);
        // The bytes are known to decode: parse them through a reader rather than as one string, so a
        // large file is held once (as bytes), not twice.
        using var reader = new StreamReader(new MemoryStream(bytes, start, bytes.Length - start, writable: false), decoding, detectEncodingFromByteOrderMarks: false);
        return Parse(reader, problems);
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var buffer = stream.CanSeek ? new MemoryStream(checked((int)(stream.Length - stream.Position))) : new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }

    /// <summary>The encoding the file is in, or null (with a problem) when it is refused.</summary>
    private static Encoding? Detect(byte[] all, int start, ImportEncoding encoding, List<ImportProblem> problems)
    {
        var bytes = all.AsSpan(start);
        var nul = all.AsSpan().IndexOf((byte)0);
        if (nul >= 0)
        {
            problems.Add(new ImportProblem(LineOf(all, nul), "", "", "the file contains NUL bytes: it is not UTF-8 or GB18030 text (is it UTF-16 or a spreadsheet?); save it as CSV in UTF-8"));
            return null;
        }
        switch (encoding)
        {
            case ImportEncoding.Gb18030:
                return Strict(bytes, Gb18030, "GB18030", problems);
            case ImportEncoding.Utf8:
                return Strict(bytes, StrictUtf8, "UTF-8", problems, hint: "; if the file came from a domestic core system it may be GBK: use --encoding gb18030");
            default:
                if (start > 0) return Strict(bytes, StrictUtf8, "UTF-8", problems);
                if (System.Text.Unicode.Utf8.IsValid(bytes)) return StrictUtf8;
                return Strict(bytes, Gb18030, "GB18030", problems, hint: " (the file is not valid UTF-8 either)");
        }
    }

    private static Encoding? Strict(ReadOnlySpan<byte> bytes, Encoding encoding, string name, List<ImportProblem> problems, string hint = "")
    {
        try
        {
            encoding.GetCharCount(bytes);
            return encoding;
        }
        catch (DecoderFallbackException)
        {
            // Find the first line that does not decode, so the problem names a row.
            var start = 0;
            var line = 1;
            while (start <= bytes.Length)
            {
                var end = bytes[start..].IndexOf((byte)'\n');
                var slice = end < 0 ? bytes[start..] : bytes.Slice(start, end);
                try
                {
                    encoding.GetString(slice);
                }
                catch (DecoderFallbackException)
                {
                    problems.Add(new ImportProblem(line, "", Convert.ToHexString(slice[..Math.Min(slice.Length, 16)]), $"row is not valid {name} text{hint}"));
                    return null;
                }
                if (end < 0) break;
                start += end + 1;
                line++;
            }
            problems.Add(new ImportProblem(1, "", "", $"the file is not valid {name} text{hint}"));
            return null;
        }
    }

    private static int LineOf(ReadOnlySpan<byte> bytes, int index) => bytes[..index].Count((byte)'\n') + 1;

    private static (CsvTable?, List<ImportProblem>) Parse(TextReader text, List<ImportProblem> problems)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = args => problems.Add(new ImportProblem(args.Context.Parser?.Row ?? 0, "", args.RawRecord.Trim(), "malformed CSV: a quote in an unquoted field")),
            DetectColumnCountChanges = false,
            IgnoreBlankLines = true,
        };
        using var parser = new CsvParser(text, config);
        string[]? header = null;
        var rows = new List<CsvRow>();
        while (parser.Read())
        {
            var record = parser.Record ?? [];
            if (header is null)
            {
                header = record.Select(h => h.Trim().ToLowerInvariant()).ToArray();
                continue;
            }
            rows.Add(new CsvRow(parser.Row, record));
        }
        if (header is null || header.All(string.IsNullOrWhiteSpace))
        {
            problems.Add(new ImportProblem(1, "", "", "the file is empty: a header row is required"));
            return (null, problems);
        }
        return (new CsvTable(header, rows), problems);
    }
}
