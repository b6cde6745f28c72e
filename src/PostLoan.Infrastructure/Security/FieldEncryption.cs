using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace PostLoan.Infrastructure.Security;

/// <summary>
/// Encrypts sensitive borrower fields (national id / unified social credit code, phone) at rest
/// with AES-256-GCM (SPEC §2, §12; docs/sensitive-data.md). A stored value is
/// <c>enc:v1:&lt;base64(nonce | ciphertext | tag)&gt;</c> with a fresh random 12-byte nonce and a
/// 16-byte tag, so the same text encrypts differently every time and any change to it is detected.
/// </summary>
/// <remarks>
/// The key is 32 bytes, written as base64. It comes, first match wins, from the
/// <c>POSTLOAN_DATA_KEY</c> environment variable, the configuration value
/// <c>PostLoan:Security:DataKey</c> (see <c>DatabaseSettings.WithDataKey</c>), or a key file next to
/// the database (<c>&lt;db folder&gt;/keys/data.key</c>) created with owner-only permissions the first
/// time it is needed. The key is loaded lazily, so settings that never touch a borrower create no
/// file. Key rotation is not supported yet: a database is readable only with the key it was written with.
/// </remarks>
public sealed class FieldEncryption
{
    public const string Prefix = "enc:v1:";
    public const string ConfigurationKey = "PostLoan:Security:DataKey";
    public const string EnvironmentVariable = "POSTLOAN_DATA_KEY";
    public const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public const string WrongKeyMessage = "cannot decrypt borrower data: the data key does not match the one it was encrypted with";

    // One random key per process for in-memory databases: their data dies with the process anyway.
    private static readonly Lazy<byte[]> ProcessKey = new(() => RandomNumberGenerator.GetBytes(KeySize));

    private readonly Lazy<KeyMaterial> _key;

    private FieldEncryption(string source, string identity, Func<byte[]> load)
    {
        Source = source;
        Identity = identity;
        _key = new Lazy<KeyMaterial>(() => new KeyMaterial(load()), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>True when no key is set where one is needed (<see cref="ForServer"/>): using it fails with a message saying how to set one.</summary>
    public bool IsMissing => Identity == MissingIdentity;

    private const string MissingIdentity = "missing";

    /// <summary>Where the key comes from, for messages (never the key itself).</summary>
    public string Source { get; }

    /// <summary>
    /// Stable for one key source (a key file path, or a digest of a given key), without loading the
    /// key: two settings with the same identity use the same key and may share one EF model.
    /// </summary>
    internal string Identity { get; }

    /// <summary>A key given as bytes (exactly 32).</summary>
    public static FieldEncryption FromKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize) throw new ArgumentException($"the data key must be {KeySize} bytes, not {key.Length}", nameof(key));
        var copy = key.ToArray();
        return new FieldEncryption("a key given in code", "key:" + KeyDigest(copy), () => copy);
    }

    /// <summary>A key written as base64 (32 bytes), e.g. from configuration or the environment.</summary>
    /// <exception cref="InvalidOperationException">the text is not a base64 32-byte key; the message names <paramref name="source"/>.</exception>
    public static FieldEncryption FromBase64(string base64Key, string source = ConfigurationKey)
    {
        var key = ParseKey(base64Key, source);
        return new FieldEncryption(source, "key:" + KeyDigest(key), () => key);
    }

    /// <summary>The key in <paramref name="path"/>, created (owner-only, 32 random bytes) when the file does not exist yet.</summary>
    public static FieldEncryption FromKeyFile(string path)
    {
        var full = Path.GetFullPath(path);
        return new FieldEncryption($"key file {full}", "file:" + full, () => LoadOrCreateKeyFile(full));
    }

    /// <summary>
    /// The default for a database: <c>POSTLOAN_DATA_KEY</c> when set, else the key file in the
    /// <c>keys</c> folder next to the SQLite file; an in-memory database gets a key for this process only.
    /// </summary>
    public static FieldEncryption ForConnectionString(string connectionString)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return FromBase64(fromEnvironment, $"environment variable {EnvironmentVariable}");
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var file = builder.DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
            return new FieldEncryption("a key for this process (in-memory database)", "process", () => ProcessKey.Value);
        if (file.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) file = new Uri(file).LocalPath;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        return FromKeyFile(Path.Combine(folder, "keys", "data.key"));
    }

    /// <summary>
    /// The default for a database server (PostgreSQL): <c>POSTLOAN_DATA_KEY</c> when set; there is no
    /// folder to keep a key file in, so without it (or <c>PostLoan:Security:DataKey</c>) reading or
    /// writing a sensitive field fails with a message saying how to set one.
    /// </summary>
    public static FieldEncryption ForServer()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return FromBase64(fromEnvironment, $"environment variable {EnvironmentVariable}");
        return new FieldEncryption("no key (a database server needs one)", MissingIdentity, () => throw new DataKeyMissingException(
            $"a PostgreSQL database needs the data key in the environment variable {EnvironmentVariable} or the setting {ConfigurationKey} " +
            "(base64 of 32 random bytes, e.g. from: openssl rand -base64 32); keep it in a secret store, not next to the data"));
    }

    /// <summary>A new random key as base64, for putting into configuration or a secret store.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeySize));

    /// <summary>True when <paramref name="stored"/> is in the encrypted format (not null, not legacy plain text).</summary>
    public static bool IsEncrypted(string? stored) => stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// The longest stored value for a plain text of at most <paramref name="plainChars"/> UTF-16
    /// characters (3 UTF-8 bytes at most each), for sizing columns.
    /// </summary>
    public static int StoredLength(int plainChars)
    {
        var bytes = NonceSize + plainChars * 3 + TagSize;
        return Prefix.Length + 4 * ((bytes + 2) / 3);
    }

    /// <summary>Encrypts <paramref name="plaintext"/>; null stays null.</summary>
    public string? Encrypt(string? plaintext)
    {
        if (plaintext is null) return null;
        var key = _key.Value;
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var blob = new byte[NonceSize + plain.Length + TagSize];
        var nonce = blob.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Data, TagSize);
        aes.Encrypt(nonce, plain, blob.AsSpan(NonceSize, plain.Length), blob.AsSpan(NonceSize + plain.Length, TagSize));
        CryptographicOperations.ZeroMemory(plain);
        return Prefix + Convert.ToBase64String(blob);
    }

    /// <summary>
    /// Decrypts a stored value; null stays null. A value without the <c>enc:v1:</c> prefix was
    /// written before encryption existed and is returned as it is (re-importing the borrowers file
    /// encrypts it).
    /// </summary>
    /// <exception cref="DataKeyMismatchException">the key is not the one the value was encrypted with, or the value was altered.</exception>
    public string? Decrypt(string? stored)
    {
        if (stored is null || !IsEncrypted(stored)) return stored;
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(stored[Prefix.Length..]);
        }
        catch (FormatException)
        {
            throw new DataKeyMismatchException("cannot decrypt borrower data: the stored value is not valid enc:v1 text (it was altered)");
        }
        if (blob.Length < NonceSize + TagSize)
            throw new DataKeyMismatchException("cannot decrypt borrower data: the stored value is too short to be enc:v1 text (it was altered)");
        var key = _key.Value;
        var length = blob.Length - NonceSize - TagSize;
        var plain = new byte[length];
        try
        {
            using var aes = new AesGcm(key.Data, TagSize);
            aes.Decrypt(blob.AsSpan(0, NonceSize), blob.AsSpan(NonceSize, length), blob.AsSpan(NonceSize + length, TagSize), plain);
        }
        catch (AuthenticationTagMismatchException e)
        {
            // GCM cannot tell a wrong key from an altered value; a wrong key is by far the likelier.
            throw new DataKeyMismatchException($"{WrongKeyMessage} (key from {Source}), or the stored value was altered", e);
        }
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>
    /// A keyed digest (HMAC-SHA256 under a key derived from the data key) of a sensitive value;
    /// null stays null. Import change detection hashes this instead of the plain text, so a stored
    /// row hash cannot be used to guess an id number by trying candidates without the key.
    /// </summary>
    public string? Fingerprint(string? value) =>
        value is null ? null : Convert.ToHexString(HMACSHA256.HashData(_key.Value.Fingerprint, Encoding.UTF8.GetBytes(value)));

    private static byte[] ParseKey(string base64Key, string source)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64Key.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"the data key in {source} is not base64; make one with `openssl rand -base64 32`");
        }
        if (key.Length != KeySize)
            throw new InvalidOperationException($"the data key in {source} is {key.Length} bytes; it must be {KeySize} bytes (AES-256), e.g. from `openssl rand -base64 32`");
        return key;
    }

    private static byte[] LoadOrCreateKeyFile(string path)
    {
        if (!File.Exists(path))
        {
            var folder = Path.GetDirectoryName(path)!;
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
            else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            // Processes (and threads) starting together take an exclusive lock on a lock file beside
            // the key, so exactly one writes it and the others read what it wrote. The key is written
            // to a private temporary file and renamed into place, so nobody reads a half-written key,
            // and a crash leaves no empty key file behind (the lock goes with the process).
            using var guard = LockKeyFolder(Path.Combine(folder, ".data.key.lock"));
            if (!File.Exists(path))
            {
                var temporary = Path.Combine(folder, $".data.key.{Guid.NewGuid():N}.tmp");
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using (var stream = new FileStream(temporary, options))
                using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
                    writer.Write(NewKey() + "\n");
                File.Move(temporary, path, overwrite: true);
            }
        }
        return ParseKey(File.ReadAllText(path), $"key file {path}");
    }

    private static FileStream LockKeyFolder(string lockPath)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None, Options = FileOptions.DeleteOnClose };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(lockPath, options);
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(20);
            }
        }
    }

    private static string KeyDigest(byte[] key) => Convert.ToHexString(SHA256.HashData([.. "postloan key id\0"u8, .. key]))[..16];

    private sealed class KeyMaterial(byte[] data)
    {
        public byte[] Data { get; } = data;
        public byte[] Fingerprint { get; } = HKDF.DeriveKey(HashAlgorithmName.SHA256, data, 32, info: "postloan import fingerprint v1"u8.ToArray());
    }
}

/// <summary>A stored sensitive value cannot be decrypted: the data key is not the one it was written with, or the value was altered.</summary>
public sealed class DataKeyMismatchException : CryptographicException
{
    public DataKeyMismatchException(string message) : base(message) { }

    public DataKeyMismatchException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>No data key is set where one is needed (a database server); the message says how to set one.</summary>
public sealed class DataKeyMissingException(string message) : InvalidOperationException(message);
