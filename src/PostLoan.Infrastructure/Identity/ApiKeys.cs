using System.Security.Cryptography;
using System.Text;

namespace PostLoan.Infrastructure.Identity;

/// <summary>API keys: 32 random bytes shown once to the person who creates them; only the SHA-256 is kept.</summary>
public static class ApiKeys
{
    public static string NewKey() => "plk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
