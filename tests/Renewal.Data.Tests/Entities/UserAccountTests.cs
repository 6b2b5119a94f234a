using Renewal.Data.Entities;

namespace Renewal.Data.Tests.Entities;

/// <summary>Lockout and password state of an account change only through its methods.</summary>
public class UserAccountTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    private static UserAccount Account()
    {
        var u = new UserAccount { UserName = "shiju", DisplayName = "市工信局审核员", Role = Role.BureauReviewer };
        u.SetPassword("hash-1");
        return u;
    }

    [Fact]
    public void NewAccount_IsActive_Unlocked_WithNoFailures()
    {
        var u = new UserAccount { UserName = "a", DisplayName = "a" };
        Assert.True(u.Active);
        Assert.Equal(0, u.FailedSignIns);
        Assert.Null(u.LockedUntil);
        Assert.Equal("", u.PasswordHash);
        Assert.False(u.IsLockedAt(T0));
    }

    [Fact]
    public void FailuresBelowTheLimit_AreCounted_WithoutLocking()
    {
        var u = Account();
        for (var i = 1; i <= 4; i++)
        {
            Assert.False(u.RecordFailedSignIn(T0.AddMinutes(i), 5, Lockout));
            Assert.Equal(i, u.FailedSignIns);
        }
        Assert.Null(u.LockedUntil);
    }

    [Fact]
    public void TheLimitthFailureInARow_LocksForTheLockoutTime_AndStartsTheCountAgain()
    {
        var u = Account();
        for (var i = 0; i < 4; i++) u.RecordFailedSignIn(T0, 5, Lockout);
        var fifth = T0.AddMinutes(3);
        Assert.True(u.RecordFailedSignIn(fifth, 5, Lockout));
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 2, 18, 0, TimeSpan.Zero), u.LockedUntil);
        Assert.Equal(0, u.FailedSignIns);
        Assert.True(u.IsLockedAt(fifth.AddMinutes(14)));
        Assert.False(u.IsLockedAt(fifth.AddMinutes(15)));
    }

    [Fact]
    public void ASignIn_ClearsTheCount_SoFailuresMustBeInARow()
    {
        var u = Account();
        for (var i = 0; i < 4; i++) u.RecordFailedSignIn(T0, 5, Lockout);
        u.RecordSignIn(T0);
        Assert.Equal(0, u.FailedSignIns);
        Assert.False(u.RecordFailedSignIn(T0, 5, Lockout));
        Assert.Equal(1, u.FailedSignIns);
    }

    [Fact]
    public void ASignInAfterTheLockRanOut_ClearsTheLock()
    {
        var u = Account();
        for (var i = 0; i < 5; i++) u.RecordFailedSignIn(T0, 5, Lockout);
        u.RecordSignIn(T0 + Lockout);
        Assert.Null(u.LockedUntil);
        Assert.Equal(0, u.FailedSignIns);
    }

    [Fact]
    public void ASignIn_WhileLockedOrDeactivated_IsRefused()
    {
        var u = Account();
        for (var i = 0; i < 5; i++) u.RecordFailedSignIn(T0, 5, Lockout);
        Assert.Equal("账号锁定中，不能登录", Assert.Throws<InvalidOperationException>(() => u.RecordSignIn(T0.AddMinutes(1))).Message);
        Assert.NotNull(u.LockedUntil);

        var v = Account();
        v.Deactivate();
        Assert.Equal("账号已停用，不能登录", Assert.Throws<InvalidOperationException>(() => v.RecordSignIn(T0)).Message);
    }

    [Fact]
    public void Unlock_LiftsTheLock_AndTheCount()
    {
        var u = Account();
        for (var i = 0; i < 5; i++) u.RecordFailedSignIn(T0, 5, Lockout);
        u.RecordFailedSignIn(T0, 5, Lockout);
        Assert.Equal(1, u.FailedSignIns);
        u.Unlock();
        Assert.Null(u.LockedUntil);
        Assert.Equal(0, u.FailedSignIns);
        Assert.False(u.IsLockedAt(T0));
        u.RecordSignIn(T0);
    }

    [Fact]
    public void SetPassword_RestartsTheCount_ButKeepsARunningLock()
    {
        var u = Account();
        for (var i = 0; i < 5; i++) u.RecordFailedSignIn(T0, 5, Lockout);
        u.RecordFailedSignIn(T0, 5, Lockout);
        u.SetPassword("hash-2");
        Assert.Equal("hash-2", u.PasswordHash);
        Assert.Equal(0, u.FailedSignIns);
        Assert.True(u.IsLockedAt(T0.AddMinutes(1)));
        Assert.Throws<ArgumentException>(() => u.SetPassword(""));
        Assert.Equal("hash-2", u.PasswordHash);
    }

    [Fact]
    public void DeactivateAndActivate()
    {
        var u = Account();
        u.Deactivate();
        Assert.False(u.Active);
        u.Activate();
        Assert.True(u.Active);
    }

    [Fact]
    public void ALimitBelowOne_OrNoLockoutTime_IsAProgrammingError()
    {
        var u = Account();
        Assert.Throws<ArgumentOutOfRangeException>(() => u.RecordFailedSignIn(T0, 0, Lockout));
        Assert.Throws<ArgumentOutOfRangeException>(() => u.RecordFailedSignIn(T0, 5, TimeSpan.Zero));
        Assert.Equal(0, u.FailedSignIns);
    }
}
