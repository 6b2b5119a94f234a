using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Enterprise = Renewal.Data.Entities.Enterprise;
using Loan = Renewal.Data.Entities.Loan;
using Project = Renewal.Data.Entities.Project;
using Repayment = Renewal.Data.Entities.Repayment;
using Renewal.Data;
using Renewal.Exchange.Xlsx;

namespace Renewal.Exchange.Library;

/// <summary>
/// Builds large, valid, deterministic library workbooks for benchmarks (not a test): one enterprise per five
/// projects, two years of investment per project, a loan for every fifth project with up to two repayments, and one
/// equipment item per enterprise. 50,000 projects give 10,000 enterprises, 100,000 investment rows and 10,000 loans.
/// </summary>
public static class LibraryWorkbookGenerator
{
    private static readonly string[] Industries = ["C3841", "C3981", "C3921", "C3311", "C2929", "C3484", "C3599", "C2710", "C3670", "C3976", "C3360", "D4411"];
    private static readonly string[] Banks = ["工商银行昆山分行", "农业银行昆山分行", "中国银行昆山分行", "建设银行昆山分行", "昆山农商银行", "交通银行昆山分行"];
    private static readonly string[] EquipmentTypes = ["machine_tool", "boiler", "motor", "air_compressor", "transformer", "pump"];
    private static readonly string[] Clusters = ["advanced_materials", "electronic_information", "equipment_manufacturing", "biomedicine"];
    private static readonly string[] Scopes = ["smart_factory_demo", "industrial_internet_benchmark", "scenario_5g", "new_it_renovation", "it_innovation"];

    /// <summary>Writes a workbook of <paramref name="projects"/> projects; the same seed gives the same bytes of data.</summary>
    public static void Write(Stream output, int projects, int seed, string unit = LibraryWorkbook.Yuan)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(projects);
        LibraryWorkbookWriter.Write(output, unit, Build(projects, seed));
    }

    internal static LibraryData Build(int projects, int seed)
    {
#pragma warning disable CA5394 // benchmark data, not security
        var rng = new Random(seed);
        var data = new LibraryData();
        var enterprises = Math.Max(1, projects / 5);
        var offset = (int)((uint)seed * 7919u % 900_000_000u);
        for (var e = 0; e < enterprises; e++)
        {
            var first17 = "91320583" + ((offset + e) % 1_000_000_000).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            data.Enterprises.Add(new Enterprise
            {
                Id = e + 1,
                CreditCode = first17 + CreditCode.CheckCharacter(first17),
                Name = $"昆山测试{e + 1}号制造有限公司",
                Area = Codes.DefaultAreas[rng.Next(Codes.DefaultAreas.Count)],
                IndustryCode = Industries[rng.Next(Industries.Length)],
                AboveScale = rng.Next(3) > 0,
                ContactName = rng.Next(4) == 0 ? null : "联系人" + (e + 1),
                ContactPhone = rng.Next(4) == 0 ? null : "0512-5" + rng.Next(1_000_000, 9_999_999),
            });
            data.Equipment.Add(new EquipmentItem
            {
                Id = e + 1,
                EnterpriseId = e + 1,
                Code = "ZC" + rng.Next(1000, 9999),
                Type = EquipmentTypes[rng.Next(EquipmentTypes.Length)],
                Name = "生产设备",
                Quantity = rng.Next(1, 20),
                CommissioningYear = rng.Next(2000, 2025),
                EfficiencyGrade = rng.Next(4) == 0 ? null : rng.Next(1, 6),
                DesignLifeYears = rng.Next(3) == 0 ? null : rng.Next(8, 30),
                HazardousCatalogueItem = rng.Next(50) == 0 ? "落后工艺设备（示例）" : null,
            });
        }
        var loanId = 0;
        var repaymentId = 0;
        for (var i = 0; i < projects; i++)
        {
            var enterprise = (i % enterprises) + 1;
            var status = (ProjectStatus)rng.Next(3);
            var started = new DateOnly(2023, 1, 1).AddDays(rng.Next(900));
            var project = new Project
            {
                Id = i + 1,
                EnterpriseId = enterprise,
                Code = "XM" + ((i / enterprises) + 1).ToString("D3", System.Globalization.CultureInfo.InvariantCulture),
                Name = $"生产线智能化改造项目{i + 1}",
                Kind = (ProjectKind)rng.Next(3),
                Status = status,
                StartedOn = started,
                CompletedOn = status == ProjectStatus.Completed ? started.AddDays(180 + rng.Next(500)) : null,
                Tasks = [.. Enumerable.Range(1, 12).Where(_ => rng.Next(6) == 0)],
                Clusters = [.. Clusters.Where(_ => rng.Next(4) == 0)],
                DigitalScopes = [.. Scopes.Where(_ => rng.Next(8) == 0)],
                SafetyRenovation = rng.Next(10) == 0,
                FinancingNeed = rng.Next(3) == 0 ? rng.Next(1, 5000) * 10_000m : null,
            };
            data.Projects.Add(project);
            foreach (var year in new[] { 2024, 2025 })
            {
                var equipment = rng.Next(100_000, 50_000_000) + (rng.Next(100) / 100m);
                data.Investments.Add(new ProjectInvestment
                {
                    ProjectId = project.Id,
                    Year = year,
                    Equipment = equipment,
                    Digital = decimal.Round(equipment * rng.Next(0, 101) / 100m, 2, MidpointRounding.ToZero),
                });
            }
            if (i % 5 != 0) continue;
            var principal = rng.Next(50, 10_000) * 10_000m;
            var issued = new DateOnly(2024, 1, 1).AddDays(rng.Next(700));
            var loan = new Loan
            {
                Id = ++loanId,
                Code = "DK" + loanId.ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
                EnterpriseId = enterprise,
                ProjectId = project.Id,
                Bank = Banks[rng.Next(Banks.Length)],
                Category = (LoanCategory)rng.Next(4),
                Principal = principal,
                Rate = rng.Next(250, 450) / 10_000m,
                IssuedOn = issued,
                MaturesOn = issued.AddMonths(12 * rng.Next(1, 6)),
                EquipmentAmount = decimal.Round(principal * rng.Next(30, 101) / 100m, 2),
                ViaSuzhouPlatform = rng.Next(2) == 0,
                Approvals = rng.Next(3) switch { 0 => null, 1 => [Level.Province, Level.Kunshan], _ => [Level.Province, Level.Suzhou, Level.Kunshan] },
            };
            data.Loans.Add(loan);
            var repayments = rng.Next(3);
            for (var k = 1; k <= repayments; k++)
            {
                data.Repayments.Add(new Repayment
                {
                    Id = ++repaymentId,
                    LoanId = loan.Id,
                    Date = issued.AddMonths(6 * k),
                    Amount = principal / 10m,
                });
            }
        }
        return data;
#pragma warning restore CA5394
    }
}
