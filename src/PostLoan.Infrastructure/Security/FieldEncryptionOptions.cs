using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using PostLoan.Infrastructure.Persistence;

namespace PostLoan.Infrastructure.Security;

public static class FieldEncryptionOptions
{
    /// <summary>
    /// Gives <see cref="PostLoanDbContext"/> the encryption for sensitive borrower fields. Needed by
    /// every context: <see cref="DatabaseSettings.ContextOptions"/> does it, and a host that builds its
    /// own options calls this with <c>DatabaseSettings.Encryption</c> (<see cref="DatabaseSettings.Configure"/> does both).
    /// </summary>
    public static DbContextOptionsBuilder UseFieldEncryption(this DbContextOptionsBuilder builder, FieldEncryption encryption)
    {
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new FieldEncryptionExtension(encryption));
        builder.ReplaceService<IModelCacheKeyFactory, EncryptionModelCacheKeyFactory>();
        return builder;
    }
}

/// <summary>Carries the encryption into the context's options; it adds no services.</summary>
internal sealed class FieldEncryptionExtension(FieldEncryption encryption) : IDbContextOptionsExtension
{
    public FieldEncryption Encryption { get; } = encryption;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services) { }

    public void Validate(IDbContextOptions options) { }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;
        public override string LogFragment => "";
        // The key never changes EF's internal services, so every key shares one service provider.
        public override int GetServiceProviderHashCode() => 0;
        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;
        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) { }
    }
}

/// <summary>
/// The model holds value converters bound to one key, so EF builds (and caches) one model per key
/// source instead of one for all contexts: a second database with another key must not reuse the first's converters.
/// </summary>
internal sealed class EncryptionModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), (context as PostLoanDbContext)?.Encryption?.Identity, designTime);
}
