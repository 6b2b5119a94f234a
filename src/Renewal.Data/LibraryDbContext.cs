using Renewal.Data.Audit;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Configurations;
using Renewal.Data.Entities;

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
    public DbSet<Declaration> Declarations => Set<Declaration>();
    public DbSet<PaymentBatch> PaymentBatches => Set<PaymentBatch>();
    public DbSet<CapLedger> CapLedgers => Set<CapLedger>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<SavedSimulation> Simulations => Set<SavedSimulation>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<RuleRevision> Revisions => Set<RuleRevision>();
    public DbSet<ProgrammeCall> Calls => Set<ProgrammeCall>();
    public DbSet<CallMaterial> CallMaterials => Set<CallMaterial>();
    public DbSet<ApplicationMaterial> ApplicationMaterials => Set<ApplicationMaterial>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<FinancingMatch> FinancingMatches => Set<FinancingMatch>();
    public DbSet<Visit> Visits => Set<Visit>();
    public DbSet<VisitFollowUp> VisitFollowUps => Set<VisitFollowUp>();
    public DbSet<CollectedProject> CollectedProjects => Set<CollectedProject>();
    public DbSet<BenchmarkRound> BenchmarkRounds => Set<BenchmarkRound>();
    public DbSet<BenchmarkCriterion> BenchmarkCriteria => Set<BenchmarkCriterion>();
    public DbSet<BenchmarkNomination> BenchmarkNominations => Set<BenchmarkNomination>();
    public DbSet<BenchmarkScore> BenchmarkScores => Set<BenchmarkScore>();
    public DbSet<CreditRecord> CreditRecords => Set<CreditRecord>();
    public DbSet<FundingRecord> FundingRecords => Set<FundingRecord>();
    public DbSet<ApplicationInvoice> ApplicationInvoices => Set<ApplicationInvoice>();
    public DbSet<CheckOverride> CheckOverrides => Set<CheckOverride>();
    public DbSet<HigherProgramme> HigherProgrammes => Set<HigherProgramme>();
    public DbSet<UpwardRecommendation> UpwardRecommendations => Set<UpwardRecommendation>();
    public DbSet<UpwardEvent> UpwardEvents => Set<UpwardEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        // One configuration per entity (Configurations/); only the store types of money and rates differ by provider.
        var types = new ColumnTypes(Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true);
        modelBuilder
            .ApplyConfiguration(new EnterpriseConfiguration())
            .ApplyConfiguration(new ProjectConfiguration(types))
            .ApplyConfiguration(new ProjectInvestmentConfiguration(types))
            .ApplyConfiguration(new LoanConfiguration(types))
            .ApplyConfiguration(new RepaymentConfiguration(types))
            .ApplyConfiguration(new EquipmentItemConfiguration())
            .ApplyConfiguration(new ProgressReportConfiguration(types))
            .ApplyConfiguration(new AwardDecisionConfiguration(types))
            .ApplyConfiguration(new UserAccountConfiguration())
            .ApplyConfiguration(new AwardApplicationConfiguration(types))
            .ApplyConfiguration(new ApplicationEventConfiguration())
            .ApplyConfiguration(new ObjectionConfiguration())
            .ApplyConfiguration(new CapLedgerConfiguration(types))
            .ApplyConfiguration(new AuditEntryConfiguration())
            .ApplyConfiguration(new SavedSimulationConfiguration())
            .ApplyConfiguration(new DeclarationConfiguration(types))
            .ApplyConfiguration(new PaymentBatchConfiguration(types))
            .ApplyConfiguration(new ApiTokenConfiguration())
            .ApplyConfiguration(new RuleRevisionConfiguration())
            .ApplyConfiguration(new CallConfiguration())
            .ApplyConfiguration(new CallMaterialConfiguration())
            .ApplyConfiguration(new ApplicationMaterialConfiguration())
            .ApplyConfiguration(new NotificationConfiguration())
            .ApplyConfiguration(new OutboxMessageConfiguration())
            .ApplyConfiguration(new InvitationConfiguration())
            .ApplyConfiguration(new FinancingMatchConfiguration())
            .ApplyConfiguration(new VisitConfiguration())
            .ApplyConfiguration(new VisitPersonConfiguration())
            .ApplyConfiguration(new VisitFollowUpConfiguration())
            .ApplyConfiguration(new CollectedProjectConfiguration(types))
            .ApplyConfiguration(new BenchmarkRoundConfiguration())
            .ApplyConfiguration(new BenchmarkCriterionConfiguration())
            .ApplyConfiguration(new BenchmarkNominationConfiguration())
            .ApplyConfiguration(new BenchmarkScoreConfiguration())
            .ApplyConfiguration(new CreditRecordConfiguration())
            .ApplyConfiguration(new FundingRecordConfiguration(types))
            .ApplyConfiguration(new ApplicationInvoiceConfiguration(types))
            .ApplyConfiguration(new CheckOverrideConfiguration())
            .ApplyConfiguration(new HigherProgrammeConfiguration(types))
            .ApplyConfiguration(new UpwardRecommendationConfiguration(types))
            .ApplyConfiguration(new UpwardEventConfiguration());
    }

    /// <summary>Bumps <see cref="IVersioned.Version"/> of every changed row: a concurrent edit of the same row fails.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        var audit = PendingAudit();
        if (audit.Count == 0) return base.SaveChanges(acceptAllChangesOnSuccess);
        // The audit entries are sealed under the chain's lock inside the transaction that saves them (AuditLog.Seal).
        using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        AuditLog.Seal(this, audit);
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        own?.Commit();
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        var audit = PendingAudit();
        if (audit.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        await AuditLog.SealAsync(this, audit, cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (own is not null) await own.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>The audit entries this save will insert, in the order they were appended.</summary>
    private List<AuditEntry> PendingAudit() =>
        [.. ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)];

    private void BumpVersions()
    {
        // The declaration of record is written once (ADR-018); the database's triggers refuse the same, this says it first.
        if (ChangeTracker.Entries<Declaration>().FirstOrDefault(e => e.State is EntityState.Modified or EntityState.Deleted) is { } changed)
            throw new InvalidOperationException($"申报快照不可修改或删除（申报 {changed.Entity.ApplicationId} {changed.Entity.VersionText}）");
        // A payment batch is a record of money paid: only its first numbering (a placeholder becomes BF…) may change it.
        if (ChangeTracker.Entries<PaymentBatch>().FirstOrDefault(e => e.State == EntityState.Deleted || (e.State == EntityState.Modified
                && (!((string)e.OriginalValues[nameof(PaymentBatch.Number)]!).StartsWith('~') || e.Properties.Any(p => p.IsModified && p.Metadata.Name != nameof(PaymentBatch.Number))))) is { } batch)
            throw new InvalidOperationException($"拨付批次不可修改或删除（{batch.Entity.Number}）");
        // An uploaded material is never overwritten: a new upload is the next version (issue 12).
        if (ChangeTracker.Entries<ApplicationMaterial>().FirstOrDefault(e => e.State is EntityState.Modified or EntityState.Deleted) is { } material)
            throw new InvalidOperationException($"申报材料不可修改或删除（申报 {material.Entity.ApplicationId}）：请上传新版本");
        // A published revision of the rules is never edited (V-6); the database's triggers refuse the same.
        if (ChangeTracker.Entries<RuleRevision>().FirstOrDefault(e => e.State is EntityState.Deleted
                || (e.State == EntityState.Modified && (RevisionState)e.OriginalValues[nameof(RuleRevision.State)]! == RevisionState.Published)) is { } published)
            throw new InvalidOperationException($"已发布的修订不可修改或删除（修订 {published.Entity.DocumentId}）：更正请起草新的修订");
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified) entry.Entity.Version++;
            else if (entry.State == EntityState.Added && entry.Entity.Version == 0) entry.Entity.Version = 1;
        }
    }
}
