using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Enterprise = Renewal.Data.Entities.Enterprise;
using Loan = Renewal.Data.Entities.Loan;
using Project = Renewal.Data.Entities.Project;
using Repayment = Renewal.Data.Entities.Repayment;

namespace Renewal.Data;

/// <summary>
/// The project library (项目库): enterprises, projects, yearly investment, loans and repayments, equipment
/// inventory, progress reports and award decisions. One model for SQLite and PostgreSQL; migrations live in
/// one assembly per provider (Renewal.Data.Sqlite, Renewal.Data.Postgres).
/// </summary>
public class LibraryDbContext(DbContextOptions<LibraryDbContext> options) : DbContext(options)
{
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<ProjectInvestment> Investments => Set<ProjectInvestment>();
    public DbSet<Loan> Loans => Set<Loan>();
    public DbSet<Repayment> Repayments => Set<Repayment>();
    public DbSet<EquipmentItem> Equipment => Set<EquipmentItem>();
    public DbSet<ProgressReport> ProgressReports => Set<ProgressReport>();
    public DbSet<AwardDecision> AwardDecisions => Set<AwardDecision>();
    public DbSet<UserAccount> Users => Set<UserAccount>();
    public DbSet<AwardApplication> Applications => Set<AwardApplication>();
    public DbSet<ApplicationEvent> ApplicationEvents => Set<ApplicationEvent>();
    public DbSet<Objection> Objections => Set<Objection>();
    public DbSet<CapLedger> CapLedgers => Set<CapLedger>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<SavedSimulation> Simulations => Set<SavedSimulation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var b = modelBuilder;
        var isPostgres = Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;
        string Money() => isPostgres ? "numeric(18,2)" : "TEXT";

        b.Entity<Enterprise>(e =>
        {
            e.ToTable("enterprises");
            e.HasIndex(x => x.CreditCode).IsUnique();
            e.HasIndex(x => x.Area);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Area).HasMaxLength(50);
            e.Property(x => x.IndustryCode).HasMaxLength(5);
            e.Property(x => x.ContactName).HasMaxLength(50);
            e.Property(x => x.ContactPhone).HasMaxLength(50);
            e.Property(x => x.Version).IsConcurrencyToken();
        });

        b.Entity<Project>(e =>
        {
            e.ToTable("projects");
            e.HasIndex(x => new { x.EnterpriseId, x.Code }).IsUnique();
            e.HasIndex(x => x.Status);
            e.Property(x => x.Code).HasMaxLength(50);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Kind).HasConversion(new ValueConverter<ProjectKind, string>(v => Codes.Of(v), v => ParseKind(v))).HasMaxLength(20);
            e.Property(x => x.Status).HasConversion(new ValueConverter<ProjectStatus, string>(v => Codes.Of(v), v => ParseStatus(v))).HasMaxLength(20);
            // Primitive collections (JSON on SQLite, arrays on PostgreSQL), so "projects of task 4" is a query, not a scan.
            e.PrimitiveCollection(x => x.Tasks);
            e.PrimitiveCollection(x => x.Clusters);
            e.PrimitiveCollection(x => x.DigitalScopes);
            e.Property(x => x.FinancingNeed).HasColumnType(Money());
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne(x => x.Enterprise).WithMany(x => x.Projects).HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<ProjectInvestment>(e =>
        {
            e.ToTable("project_investments");
            e.HasKey(x => new { x.ProjectId, x.Year });
            e.Property(x => x.Equipment).HasColumnType(Money());
            e.Property(x => x.Digital).HasColumnType(Money());
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne(x => x.Project).WithMany(x => x.Investments).HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Loan>(e =>
        {
            e.ToTable("loans");
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Code).HasMaxLength(50);
            e.Property(x => x.Bank).HasMaxLength(100);
            e.Property(x => x.Category).HasConversion(new ValueConverter<LoanCategory, string>(v => Codes.Of(v), v => ParseCategory(v))).HasMaxLength(30);
            e.Property(x => x.Principal).HasColumnType(Money());
            e.Property(x => x.EquipmentAmount).HasColumnType(Money());
            e.Property(x => x.Rate).HasColumnType(isPostgres ? "numeric(9,6)" : "TEXT");
            e.Property(x => x.Approvals).HasConversion(LevelList, LevelListComparer).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne(x => x.Enterprise).WithMany(x => x.Loans).HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Project).WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Repayment>(e =>
        {
            e.ToTable("repayments");
            e.HasIndex(x => new { x.LoanId, x.Date });
            e.Property(x => x.Amount).HasColumnType(Money());
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne(x => x.Loan).WithMany(x => x.Repayments).HasForeignKey(x => x.LoanId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<EquipmentItem>(e =>
        {
            e.ToTable("equipment_items");
            e.HasIndex(x => new { x.EnterpriseId, x.Code }).IsUnique();
            e.Property(x => x.Code).HasMaxLength(50);
            e.Property(x => x.Type).HasMaxLength(50);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.HazardousCatalogueItem).HasMaxLength(100);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne(x => x.Enterprise).WithMany(x => x.Equipment).HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<ProgressReport>(e =>
        {
            e.ToTable("progress_reports");
            e.HasIndex(x => new { x.ProjectId, x.ReportedOn });
            e.Property(x => x.Status).HasConversion(new ValueConverter<ProjectStatus, string>(v => Codes.Of(v), v => ParseStatus(v))).HasMaxLength(20);
            e.Property(x => x.CumulativeEquipment).HasColumnType(Money());
            e.Property(x => x.CumulativeDigital).HasColumnType(Money());
            e.Property(x => x.Note).HasMaxLength(1000);
            e.HasOne(x => x.Project).WithMany(x => x.Reports).HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<AwardDecision>(e =>
        {
            e.ToTable("award_decisions");
            e.HasIndex(x => new { x.Year, x.Scheme });
            e.HasIndex(x => x.EnterpriseId);
            // The project list's "eligible for" filter looks decisions up per project.
            e.HasIndex(x => new { x.ProjectId, x.Scheme, x.Year });
            e.Property(x => x.Scheme).HasConversion(new ValueConverter<Scheme, string>(v => Codes.Of(v), v => ParseScheme(v))).HasMaxLength(30);
            e.Property(x => x.Level).HasConversion(new ValueConverter<Level?, string?>(v => v == null ? null : Codes.Of(v.Value), v => v == null ? null : ParseLevel(v))).HasMaxLength(20);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Amount).HasColumnType(Money());
            e.Property(x => x.ParameterVersion).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<UserAccount>(e =>
        {
            e.ToTable("users");
            e.HasIndex(x => x.UserName).IsUnique();
            e.Property(x => x.UserName).HasMaxLength(64);
            e.Property(x => x.DisplayName).HasMaxLength(100);
            e.Property(x => x.PasswordHash).HasMaxLength(200);
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.Area).HasMaxLength(50);
            e.Property(x => x.Version).IsConcurrencyToken();
        });

        b.Entity<AwardApplication>(e =>
        {
            e.ToTable("applications");
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => new { x.State, x.Year });
            e.HasIndex(x => x.EnterpriseId);
            e.Property(x => x.Number).HasMaxLength(32);
            e.Property(x => x.Scheme).HasConversion(new ValueConverter<Scheme, string>(v => Codes.Of(v), v => ParseScheme(v))).HasMaxLength(30);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.SubmittedAmount).HasColumnType(Money());
            e.Property(x => x.ApprovedAmount).HasColumnType(Money());
            e.Property(x => x.SubmittedParameterVersion).HasMaxLength(64);
            e.Property(x => x.ApprovedParameterVersion).HasMaxLength(64);
            e.Property(x => x.ApprovedByLevel).HasMaxLength(200);
            e.Property(x => x.PaymentReference).HasMaxLength(100);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Project).WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Loan).WithMany().HasForeignKey(x => x.LoanId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<ApplicationEvent>(e =>
        {
            e.ToTable("application_events");
            e.Property(x => x.From).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.To).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Action).HasMaxLength(50);
            e.Property(x => x.UserName).HasMaxLength(64);
            e.Property(x => x.Comment).HasMaxLength(2000);
            e.HasOne<AwardApplication>().WithMany(x => x.Events).HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Objection>(e =>
        {
            e.ToTable("objections");
            e.Property(x => x.RaisedBy).HasMaxLength(100);
            e.Property(x => x.Content).HasMaxLength(2000);
            e.Property(x => x.Resolution).HasMaxLength(2000);
            e.HasOne<AwardApplication>().WithMany(x => x.Objections).HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<CapLedger>(e =>
        {
            e.ToTable("cap_ledgers");
            e.HasIndex(x => x.Key).IsUnique();
            e.Property(x => x.Key).HasMaxLength(100);
            e.Property(x => x.Cap).HasColumnType(Money());
            e.Property(x => x.Used).HasColumnType(Money());
            e.Property(x => x.Version).IsConcurrencyToken();
        });

        b.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_log");
            e.Property(x => x.UserName).HasMaxLength(64);
            e.Property(x => x.Action).HasMaxLength(50);
            e.Property(x => x.Entity).HasMaxLength(50);
            e.Property(x => x.EntityId).HasMaxLength(100);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            // One successor per entry: two concurrent appends on the same tail cannot both commit (no fork).
            e.HasIndex(x => x.PreviousHash).IsUnique();
        });

        b.Entity<SavedSimulation>(e =>
        {
            e.ToTable("saved_simulations");
            e.HasIndex(x => x.CreatedAt);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Overrides).HasMaxLength(4000);
            e.Property(x => x.CreatedBy).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
    }

    /// <summary>Bumps <see cref="IVersioned.Version"/> of every changed row: a concurrent edit of the same row fails.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified) entry.Entity.Version++;
            else if (entry.State == EntityState.Added && entry.Entity.Version == 0) entry.Entity.Version = 1;
        }
    }

    private static ProjectKind ParseKind(string v) => Codes.TryParse(v, out ProjectKind k) ? k : throw new InvalidOperationException($"bad kind {v}");
    private static ProjectStatus ParseStatus(string v) => Codes.TryParse(v, out ProjectStatus k) ? k : throw new InvalidOperationException($"bad status {v}");
    private static LoanCategory ParseCategory(string v) => Codes.TryParse(v, out LoanCategory k) ? k : throw new InvalidOperationException($"bad category {v}");
    private static Scheme ParseScheme(string v) => Codes.TryParse(v, out Scheme k) ? k : throw new InvalidOperationException($"bad scheme {v}");
    private static Level ParseLevel(string v) => Codes.TryParse(v, out Level k) ? k : throw new InvalidOperationException($"bad level {v}");

    private static readonly ValueConverter<List<Level>?, string?> LevelList = new(
        v => v == null ? null : string.Join(',', v.Select(Codes.Of)),
        v => v == null ? null : v.Length == 0 ? new List<Level>() : v.Split(',', StringSplitOptions.None).Select(ParseLevel).ToList());

    private static readonly ValueComparer<List<Level>?> LevelListComparer = new(
        (a, c) => a == null ? c == null : c != null && a.SequenceEqual(c), v => v == null ? 0 : v.Aggregate(0, (h, x) => HashCode.Combine(h, x)), v => v == null ? null : v.ToList());
}
