using Microsoft.AspNetCore.Identity;
using Renewal.Data.Entities;

namespace Renewal.Web.Infrastructure;

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    public const string Government = "government";
    public const string Bureau = "bureau";
    public const string Admin = "admin";
    public const string Enterprise = "enterprise";
    /// <summary>财政人员 and the bureau: read payments and batches (only finance pays).</summary>
    public const string Payments = "payments";
}

/// <summary>Password hashing (PBKDF2, ASP.NET Core Identity's hasher) and the lockout rule.</summary>
public sealed class Passwords
{
    private readonly PasswordHasher<UserAccount> _hasher = new();

    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    public string Hash(UserAccount user, string password) => _hasher.HashPassword(user, password);

    public bool Verify(UserAccount user, string password) =>
        _hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;

    /// <summary>A password the administrator may set: 8+ characters with letters and digits.</summary>
    public static string? Problem(string? password) =>
        password is null || password.Length < 8 ? "密码至少 8 位"
        : !password.Any(char.IsLetter) || !password.Any(char.IsDigit) ? "密码须同时包含字母和数字"
        : null;
}
