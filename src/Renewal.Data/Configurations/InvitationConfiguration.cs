using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>
/// 企业账号邀请: looked up by the hash of the code (unique); at most one open and one claimed invitation per enterprise
/// (filtered unique indexes); one invitation per account; a claim names its account (check). Neither account is ever
/// deleted under it.
/// </summary>
internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> e)
    {
        e.ToTable("invitations", t => t.HasCheckConstraint(Invitation.ClaimCheck, Invitation.ClaimCheckSql));
        e.HasIndex(x => x.CodeHash).IsUnique();
        e.HasIndex(x => x.CreditCode, Invitation.OpenIndex).IsUnique().HasFilter(Invitation.OpenFilterSql).HasDatabaseName(Invitation.OpenIndex);
        e.HasIndex(x => x.CreditCode, Invitation.ClaimedIndex).IsUnique().HasFilter(Invitation.ClaimedFilterSql).HasDatabaseName(Invitation.ClaimedIndex);
        e.HasIndex(x => x.ClaimedUserId).IsUnique();
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.CodeHash).HasMaxLength(Invitation.HashLength);
        e.Property(x => x.CreatedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<UserAccount>().WithMany().HasForeignKey(x => x.ClaimedUserId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<UserAccount>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
    }
}
