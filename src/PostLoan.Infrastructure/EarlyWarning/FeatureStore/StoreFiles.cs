namespace PostLoan.Infrastructure.EarlyWarning.FeatureStore;

/// <summary>
/// A store part's file: a header (the layout's <see cref="FeatureInputStore.Format"/>, the part's name, the database's
/// identity and the change number the data is current to), then the data. A file is written beside its final name
/// and moved over it, so a reader finds the old file or the new one, never half of one.
/// </summary>
internal static class StoreFiles
{
    private const string Magic = "postloan-feature-inputs";

    /// <summary>The data and its change number, or null when there is no usable file (missing, damaged, another layout or database).</summary>
    public static (T Data, long Watermark)? Read<T>(string path, StorePart<T> part, string instance)
    {
        if (!File.Exists(path)) return null;
        try
        {
            // Read whole, then parsed from memory: a reader over a memory stream takes each field from the array
            // directly, where over a file it makes a call to the stream for each (millions of rows, a dozen fields each).
            using var r = new BinaryReader(new MemoryStream(File.ReadAllBytes(path), writable: false));
            if (r.ReadString() != Magic || r.ReadInt32() != FeatureInputStore.Format || r.ReadString() != part.Name || r.ReadString() != instance) return null;
            var watermark = r.ReadInt64();
            var data = part.Read(r);
            return r.ReadString() == Magic ? (data, watermark) : null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A damaged file is read whole again, never an error: the files only save reading.
            return null;
        }
    }

    public static void Write<T>(string path, StorePart<T> part, string instance, long watermark, T data)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        using (var w = new BinaryWriter(stream))
        {
            w.Write(Magic);
            w.Write(FeatureInputStore.Format);
            w.Write(part.Name);
            w.Write(instance);
            w.Write(watermark);
            part.Write(w, data);
            w.Write(Magic);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
