using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>用户: unique user name; the role stored by name.</summary>
internal sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> e)
    {
        e.ToTable("users");
        e.HasIndex(x => x.UserName).IsUnique();
        e.Property(x => x.UserName).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.DisplayName).HasMaxLength(TextLimits.DisplayName);
        e.Property(x => x.PasswordHash).HasMaxLength(200);
        e.Property(x => x.Role).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.Area).HasMaxLength(50);
        e.Property(x => x.Email).HasMaxLength(200);
        e.Property(x => x.Bank).HasMaxLength(TextLimits.LoanBank);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
