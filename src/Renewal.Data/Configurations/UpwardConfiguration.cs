using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;
using Renewal.Policy.Model;

namespace Renewal.Data.Configurations;

/// <summary>
/// 上级项目: names unique, level one of those above Kunshan, 配套比例 between 0 and <see cref="HigherProgramme.MaxShare"/>.
/// The three programmes the plan names are seeded with the schema (ADR-029); the bureau adds more on /upward/programmes.
/// </summary>
internal sealed class HigherProgrammeConfiguration(ColumnTypes types) : IEntityTypeConfiguration<HigherProgramme>
{
    /// <summary>When the seeded programmes are said to have been created (the programme's start).</summary>
    private static readonly DateTimeOffset Seeded = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public void Configure(EntityTypeBuilder<HigherProgramme> e)
    {
        e.ToTable("higher_programmes", t =>
        {
            t.HasCheckConstraint(HigherProgramme.LevelCheck, HigherProgramme.LevelSql);
            t.HasCheckConstraint("ck_higher_programmes_share",
                $"{types.MoneyValue(nameof(HigherProgramme.MatchingShare))} >= 0 AND {types.MoneyValue(nameof(HigherProgramme.MatchingShare))} <= 10");
        });
        e.HasIndex(x => x.Name).IsUnique().HasDatabaseName(HigherProgramme.NameIndex);
        e.Property(x => x.Name).HasMaxLength(HigherProgramme.NameLength);
        e.Property(x => x.Level).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.MatchingShare).HasColumnType(types.Rate);
        e.Property(x => x.Note).HasMaxLength(HigherProgramme.NoteLength);
        e.Property(x => x.CreatedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.UpdatedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.Version).IsConcurrencyToken();
        // The seeded rows take ids 1–3; PostgreSQL's identity does not count rows inserted with their id, so it starts above them.
        if (types.IsPostgres) e.Property(x => x.Id).HasIdentityOptions(startValue: 101);
        e.HasData(
            Seed(1, "省智改数转网联项目（设备数字化改造）", Level.Province, 1m, "江苏省工业和信息化厅智能化改造、数字化转型、网络化联接专项（设备数字化改造类）。配套比例为平台初始值，请市局按文件核定。"),
            Seed(2, "苏州市工业企业有效投入奖补", Level.Suzhou, 0.5m, "苏州市工业企业有效投入奖补资金。配套比例为平台初始值，请市局按文件核定。"),
            Seed(3, "国家技术改造升级导向计划", Level.Central, 0m, "工业和信息化部技术改造升级导向计划（重点项目推荐，以金融支持为主）。配套比例为平台初始值，请市局按文件核定。"));
    }

    private static object Seed(int id, string name, Level level, decimal share, string note) => new
    {
        Id = id, Name = name, Level = level, MatchingShare = share, Note = note, Active = true,
        CreatedBy = "system", CreatedAt = Seeded, UpdatedBy = "system", UpdatedAt = Seeded, Version = 1L,
    };
}

/// <summary>推荐: one per programme, project and year (unique); statuses by name, guarded by check constraints; money exact.</summary>
internal sealed class UpwardRecommendationConfiguration(ColumnTypes types) : IEntityTypeConfiguration<UpwardRecommendation>
{
    public void Configure(EntityTypeBuilder<UpwardRecommendation> e)
    {
        e.ToTable("upward_recommendations", t =>
        {
            t.HasCheckConstraint(UpwardRecommendation.StatusCheck, UpwardRecommendation.StatusSql);
            t.HasCheckConstraint(UpwardRecommendation.OutcomeCheck, UpwardRecommendation.OutcomeSql);
            t.HasCheckConstraint(UpwardRecommendation.YearCheck, UpwardRecommendation.YearSql);
            t.HasCheckConstraint("ck_upward_recommendations_amount",
                $"\"ObtainedAmount\" IS NULL OR {types.MoneyValue(nameof(UpwardRecommendation.ObtainedAmount))} > 0");
        });
        e.HasIndex(x => new { x.ProgrammeId, x.ProjectId, x.Year }).IsUnique().HasDatabaseName(UpwardRecommendation.UniqueIndex);
        e.HasIndex(x => x.ProjectId);
        e.HasIndex(x => new { x.Year, x.Status });
        e.Property(x => x.Reason).HasMaxLength(UpwardRecommendation.ReasonLength);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.ObtainedAmount).HasColumnType(types.Money);
        e.Property(x => x.MatchingAmount).HasColumnType(types.Money);
        e.Property(x => x.MatchingShare).HasColumnType(types.Rate);
        e.Property(x => x.DocumentNumber).HasMaxLength(UpwardRecommendation.DocumentLength);
        e.Property(x => x.RejectReason).HasMaxLength(UpwardRecommendation.ReasonLength);
        e.Property(x => x.WithdrawReason).HasMaxLength(UpwardRecommendation.ReasonLength);
        e.Property(x => x.CreatedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.UpdatedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne(x => x.Programme).WithMany().HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Project).WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.RecommendationId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The moves of a recommendation, oldest first.</summary>
internal sealed class UpwardEventConfiguration : IEntityTypeConfiguration<UpwardEvent>
{
    public void Configure(EntityTypeBuilder<UpwardEvent> e)
    {
        e.ToTable("upward_events");
        e.HasIndex(x => x.RecommendationId);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.By).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.Note).HasMaxLength(UpwardRecommendation.ReasonLength);
    }
}
