using System.Security.Cryptography;
using PostLoan.Infrastructure.Security;
using Shouldly;

namespace PostLoan.IntegrationTests.Security;

public sealed class FieldEncryptionTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "postloan-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static FieldEncryption NewEncryption() => FieldEncryption.FromBase64(FieldEncryption.NewKey());

    [Theory]
    [InlineData("330106198803152428")]
    [InlineData("13957100001")]
    [InlineData("")]
    [InlineData("浙江 0571-87000001 分机 12")]
    public void Decrypt_gives_back_what_was_encrypted(string plain)
    {
        var encryption = NewEncryption();
        var stored = encryption.Encrypt(plain)!;
        stored.ShouldStartWith("enc:v1:");
        encryption.Decrypt(stored).ShouldBe(plain);
    }

    [Fact]
    public void Null_stays_null()
    {
        var encryption = NewEncryption();
        encryption.Encrypt(null).ShouldBeNull();
        encryption.Decrypt(null).ShouldBeNull();
        encryption.Fingerprint(null).ShouldBeNull();
    }

    [Fact]
    public void The_same_text_encrypts_differently_each_time_as_nonce_ciphertext_and_tag()
    {
        var encryption = NewEncryption();
        var a = encryption.Encrypt("13957100001")!;
        var b = encryption.Encrypt("13957100001")!;
        a.ShouldNotBe(b);
        Convert.FromBase64String(a["enc:v1:".Length..]).Length.ShouldBe(12 + "13957100001".Length + 16);
    }

    [Fact]
    public void A_flipped_byte_is_detected_not_decrypted()
    {
        var encryption = NewEncryption();
        var stored = encryption.Encrypt("330106198803152428")!;
        var blob = Convert.FromBase64String(stored["enc:v1:".Length..]);
        foreach (var position in new[] { 0, 12, blob.Length - 1 }) // nonce, ciphertext, tag
        {
            var tampered = (byte[])blob.Clone();
            tampered[position] ^= 0x01;
            Should.Throw<DataKeyMismatchException>(() => encryption.Decrypt("enc:v1:" + Convert.ToBase64String(tampered)));
        }
        Should.Throw<DataKeyMismatchException>(() => encryption.Decrypt("enc:v1:not base64!"));
        Should.Throw<DataKeyMismatchException>(() => encryption.Decrypt("enc:v1:AAAA"));
    }

    [Fact]
    public void A_wrong_key_fails_with_a_clear_message()
    {
        var stored = NewEncryption().Encrypt("330106198803152428");
        var error = Should.Throw<DataKeyMismatchException>(() => NewEncryption().Decrypt(stored));
        error.Message.ShouldContain("cannot decrypt borrower data: the data key does not match the one it was encrypted with");
        error.Message.ShouldNotContain("330106");
    }

    [Fact]
    public void Text_written_before_encryption_is_read_as_it_is() =>
        NewEncryption().Decrypt("13957100001").ShouldBe("13957100001");

    [Fact]
    public void A_configured_key_that_is_not_32_bytes_of_base64_is_refused_by_name()
    {
        Should.Throw<InvalidOperationException>(() => FieldEncryption.FromBase64("not a key", "PostLoan:Security:DataKey"))
            .Message.ShouldContain("PostLoan:Security:DataKey");
        Should.Throw<InvalidOperationException>(() => FieldEncryption.FromBase64(Convert.ToBase64String(new byte[16])))
            .Message.ShouldContain("32 bytes");
    }

    [Fact]
    public void The_key_file_is_created_once_owner_only_and_reused()
    {
        var path = Path.Combine(_folder, "keys", "data.key");
        File.Exists(path).ShouldBeFalse();
        var first = FieldEncryption.FromKeyFile(path);
        File.Exists(path).ShouldBeFalse(); // loaded when first needed, not before
        var stored = first.Encrypt("13957100001");
        File.Exists(path).ShouldBeTrue();
        var written = File.ReadAllText(path);
        Convert.FromBase64String(written.Trim()).Length.ShouldBe(32);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.GetUnixFileMode(Path.GetDirectoryName(path)!).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var second = FieldEncryption.FromKeyFile(path);
        second.Decrypt(stored).ShouldBe("13957100001");
        second.Encrypt("x");
        File.ReadAllText(path).ShouldBe(written);
        Directory.GetFiles(Path.GetDirectoryName(path)!).Length.ShouldBe(1); // no temporary files left
    }

    [Fact]
    public void Processes_starting_together_agree_on_one_key_file()
    {
        var path = Path.Combine(_folder, "keys", "data.key");
        const int starters = 8;
        var stored = new (string Text, string Stored)[starters];
        using var start = new Barrier(starters);
        var threads = Enumerable.Range(0, starters).Select(i => new Thread(() =>
        {
            var encryption = FieldEncryption.FromKeyFile(path);
            start.SignalAndWait(); // all load the key file at the same moment
            stored[i] = ($"1395710000{i}", encryption.Encrypt($"1395710000{i}")!);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Directory.GetFiles(Path.GetDirectoryName(path)!).ShouldBe([path]); // no lock or temporary files left
        var reader = FieldEncryption.FromKeyFile(path);
        foreach (var (text, encrypted) in stored) reader.Decrypt(encrypted).ShouldBe(text);
    }

    [Fact]
    public void Fingerprints_are_stable_for_a_key_and_differ_between_keys()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        FieldEncryption.FromKey(key).Fingerprint("330106198803152428").ShouldBe(FieldEncryption.FromKey(key).Fingerprint("330106198803152428"));
        NewEncryption().Fingerprint("330106198803152428").ShouldNotBe(FieldEncryption.FromKey(key).Fingerprint("330106198803152428"));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(32)]
    public void The_stored_length_bound_holds_for_the_longest_accepted_text(int chars)
    {
        var encryption = NewEncryption();
        encryption.Encrypt(new string('9', chars))!.Length.ShouldBeLessThanOrEqualTo(FieldEncryption.StoredLength(chars));
        encryption.Encrypt(new string('号', chars))!.Length.ShouldBeLessThanOrEqualTo(FieldEncryption.StoredLength(chars));
    }
}
