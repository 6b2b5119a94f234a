using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Services;

namespace Renewal.Web.Features.Upward;

/// <summary>
/// Demo 向上争取 (ADR-029): three recommendations in different states, so that /upward, the budget's section and /enterprise
/// show something — the demo enterprise's first project approved by the province's programme, another project of its area
/// accepted by Suzhou's, a project of another area recommended to the national plan. Added once, when there is none.
/// </summary>
public static class UpwardDemo
{
    public static async Task EnsureAsync(LibraryDbContext db, TimeProvider clock, string? demoCreditCode)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        if (await db.UpwardRecommendations.AnyAsync() || demoCreditCode is null) return;
        var own = await db.Projects.AsNoTracking().Where(p => p.Enterprise!.CreditCode == demoCreditCode).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Enterprise!.Area }).FirstOrDefaultAsync();
        if (own is null) return;
        var neighbour = await db.Projects.AsNoTracking().Where(p => p.Enterprise!.Area == own.Area && p.Enterprise.CreditCode != demoCreditCode)
            .OrderBy(p => p.Id).Select(p => (int?)p.Id).FirstOrDefaultAsync();
        var elsewhere = await db.Projects.AsNoTracking().Where(p => p.Enterprise!.Area != own.Area).OrderBy(p => p.Id).Select(p => (int?)p.Id).FirstOrDefaultAsync();
        var now = clock.GetUtcNow();
        var today = clock.Today();
        var years = Renewal.Policy.Kunshan2024.Programme.ProgrammeYears.All;
        var year = Math.Clamp(today.Year, years[0], years[^1]);
        var programmes = await db.HigherProgrammes.AsNoTracking().Where(p => p.Id <= 3).ToDictionaryAsync(p => p.Id);
        if (programmes.Count < 3) return;

        var approved = UpwardRecommendation.Recommend(1, own.Id, year, "设备数字化改造投入较大，数字化设备占比高，符合省智改数转网联项目申报条件（演示）", "shiju", now.AddDays(-75));
        approved.Accept(today.AddDays(-60), "省工信厅已受理（演示）", "shiju", now.AddDays(-60));
        approved.Approve(800_000m, today.AddDays(-30), "苏工信技改〔演示〕18号", programmes[1].MatchingShare, "shiju", now.AddDays(-30));
        db.UpwardRecommendations.Add(approved);
        if (neighbour is { } n)
        {
            var accepted = UpwardRecommendation.Recommend(2, n, year, "年度设备投资超过有效投入奖补门槛，建议推荐（演示）", "shiju", now.AddDays(-20));
            accepted.Accept(today.AddDays(-10), "苏州市工信局已受理（演示）", "shiju", now.AddDays(-10));
            db.UpwardRecommendations.Add(accepted);
        }
        if (elsewhere is { } e)
            db.UpwardRecommendations.Add(UpwardRecommendation.Recommend(3, e, year, "重点技术改造项目，有融资需求，推荐列入导向计划（演示）", "shiju", now.AddDays(-5)));
        await db.SaveChangesAsync();
    }
}
