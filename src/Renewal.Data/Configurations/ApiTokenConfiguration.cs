using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>API 令牌: looked up by the hash of the secret (unique), listed per account; the account is never deleted under it.</summary>
internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> e)
    {
        e.ToTable("api_tokens");
        e.HasIndex(x => x.SecretHash).IsUnique();
        e.HasIndex(x => x.UserId);
        e.Property(x => x.Name).HasMaxLength(TextLimits.ApiTokenName);
        e.Property(x => x.Prefix).HasMaxLength(ApiToken.PrefixLength);
        e.Property(x => x.SecretHash).HasMaxLength(ApiToken.HashLength);
        e.Property(x => x.CreatedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.RevokedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<UserAccount>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
