using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PostLoan.Domain.Common;

namespace PostLoan.Infrastructure.Persistence;

/// <summary>Money is stored as whole minor units (cents) in a 64-bit integer, so SQL sums and comparisons are exact everywhere.</summary>
internal static class MoneyConversion
{
    private static readonly ValueConverter<decimal, long> Converter = new(v => Money.ToMinor(v), v => Money.FromMinor(v));
    private static readonly ValueConverter<decimal?, long?> NullableConverter =
        new(v => v.HasValue ? Money.ToMinor(v.Value) : null, v => v.HasValue ? Money.FromMinor(v.Value) : null);

    public static PropertyBuilder<decimal> IsMoney(this PropertyBuilder<decimal> property) => property.HasConversion(Converter);

    public static PropertyBuilder<decimal?> IsMoney(this PropertyBuilder<decimal?> property) => property.HasConversion(NullableConverter);
}
