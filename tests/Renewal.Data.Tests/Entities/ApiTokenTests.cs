using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Testing;

namespace Renewal.Data.Tests.Entities;

/// <summary>An API token's row: one row per secret hash (the database refuses a second), revocation and expiry through its methods.</summary>
public class ApiTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    private static ApiToken Token(int userId, string hash, string prefix = "rnw_abcdefgh") => new()
    {
        UserId = userId, Name = "银行贷款台账系统", Prefix = prefix, SecretHash = hash, CreatedAt = Now, CreatedBy = "admin", ExpiresAt = Now.AddDays(30),
    };

    [Theory]
    [OnSqlite, OnPostgres]
    public void TheSecretHash_IsUnique_AndTheRowRoundTrips(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        var user = new UserAccount { UserName = "yinhang", DisplayName = "银行", Role = Role.Bank };
        user.SetPassword("x");
        db.Users.Add(user);
        db.SaveChanges();
        var hash = new string('a', ApiToken.HashLength);
        db.ApiTokens.Add(Token(user.Id, hash));
        db.SaveChanges();

        using var second = LibraryStore.Create(options);
        second.ApiTokens.Add(Token(user.Id, hash, "rnw_zzzzzzzz"));
        var refused = Assert.Throws<DbUpdateException>(() => second.SaveChanges());
        Assert.True(DatabaseErrors.IsUniqueViolation(refused, "IX_api_tokens_SecretHash"), refused.InnerException?.Message);

        using var third = LibraryStore.Create(options);
        var stored = third.ApiTokens.AsNoTracking().Single();
        Assert.Equal((hash, "rnw_abcdefgh", Now.AddDays(30), (DateTimeOffset?)null), (stored.SecretHash, stored.Prefix, stored.ExpiresAt, stored.RevokedAt));
        // A token cannot point at an account that does not exist.
        third.ApiTokens.Add(Token(987654, new string('b', ApiToken.HashLength)));
        Assert.Throws<DbUpdateException>(() => third.SaveChanges());
    }

    [Fact]
    public void AToken_IsValidUntilItExpires_OrIsRevoked_AndRevokingTwiceChangesNothing()
    {
        var t = Token(1, "h");
        Assert.True(t.IsValidAt(Now));
        Assert.True(t.IsValidAt(t.ExpiresAt.AddTicks(-1)));
        Assert.False(t.IsValidAt(t.ExpiresAt));
        Assert.True(t.Revoke(Now.AddHours(1), "admin"));
        Assert.False(t.IsValidAt(Now.AddHours(2)));
        Assert.False(t.Revoke(Now.AddHours(3), "admin2"));
        Assert.Equal((Now.AddHours(1), "admin"), (t.RevokedAt!.Value, t.RevokedBy));
        Assert.Throws<ArgumentException>(() => Token(1, "h").Revoke(Now, ""));
    }
}
