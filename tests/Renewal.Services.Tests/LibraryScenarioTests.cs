using Renewal.Data.Entities;

namespace Renewal.Services.Tests;

/// <summary>The one mapping from stored rows to the engine's input, used by every use case that evaluates the library.</summary>
public class LibraryScenarioTests
{
    private static Enterprise Stored(string industry) =>
        new() { Id = 7, CreditCode = "91350100M000100Y43", Name = "昆山某精密机械有限公司", Area = "昆山开发区", IndustryCode = industry };

    [Fact]
    public void Enterprise_IsReadWithItsCreditCodeAsId_AndItsIndustry()
    {
        var e = LibraryScenario.ToPolicy(Stored("C3421"));
        Assert.Equal("91350100M000100Y43", e.Id);
        Assert.Equal("昆山开发区", e.Area);
        Assert.True(e.Industry.IsManufacturing);
    }

    [Fact]
    public void Enterprise_WithADamagedIndustryCode_IsRefused_NeverReadAsManufacturing()
    {
        // The programme dashboard used to read such a row as section C (manufacturing) while the award path refused it.
        var e = Assert.Throws<InvalidDataException>(() => LibraryScenario.ToPolicy(Stored("X99")));
        Assert.Contains("X99", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Project_KeepsTheGivenStatus_AndOrdersItsInvestmentByYear()
    {
        var p = new Project { Id = 3, EnterpriseId = 7, Code = "P1", Name = "智能工厂", Kind = Renewal.Policy.Model.ProjectKind.Renovation };
        var investments = new[]
        {
            new ProjectInvestment { ProjectId = 3, Year = 2026, Equipment = 30m, Digital = 10m },
            new ProjectInvestment { ProjectId = 3, Year = 2025, Equipment = 20m, Digital = 5m },
        };
        var mapped = LibraryScenario.ToPolicy(p, "K/P1", "K", Renewal.Policy.Model.ProjectStatus.Completed, new DateOnly(2026, 6, 30), investments, []);
        Assert.Equal("K/P1", mapped.Id);
        Assert.Equal(Renewal.Policy.Model.ProjectStatus.Completed, mapped.Status);
        Assert.Equal([2025, 2026], mapped.Investment.Select(i => i.Year));
    }
}
