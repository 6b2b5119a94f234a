using System.Globalization;
using Renewal.Data.Entities;
using Enterprise = Renewal.Data.Entities.Enterprise;
using Renewal.Data;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Seed;

/// <summary>The equipment inventory (设备台账) of an enterprise.</summary>
internal sealed partial class SeedGenerator
{
    private static readonly (string Type, int Weight)[] Utilities =
        [("motor", 22), ("pump", 12), ("air_compressor", 9), ("transformer", 5), ("chiller", 5), ("heat_exchanger", 5), ("forklift", 3)];

    private static readonly string[] HazardousTypes = ["reactor", "reactor", "distillation_column", "storage_tank"];

    /// <summary>The inventory is the baseline surveyed at the start of the programme (摸清底数), whatever today is.</summary>
    public const int InventoryYear = 2024;

    /// <summary>
    /// 5–40 items: the industry's typical equipment and the common utilities (motors, pumps, compressors, …), of
    /// various ages; rated items get a grade that is worse the older they are; some chemical firms hold an item of
    /// the hazardous-chemical catalogues.
    /// </summary>
    private void Inventory(SeedRandom rng, Enterprise e, PlanIndustry industry, Size size, SeedBatch batch)
    {
        var count = size switch { Size.Small => rng.Between(5, 15), Size.Medium => rng.Between(10, 30), _ => rng.Between(20, 40) };
        var hazardous = industry.HazardousChemicals && rng.Percent(30) ? rng.Between(1, 2) : 0;
        var olderFleet = industry.Task == 1;
        Span<int> utilityWeights = stackalloc int[Utilities.Length];
        for (var i = 0; i < Utilities.Length; i++) utilityWeights[i] = Utilities[i].Weight;

        for (var k = 1; k <= count; k++)
        {
            EquipmentType type;
            string? catalogueItem = null;
            if (k <= hazardous)
            {
                type = _catalogue.Type(rng.Pick(HazardousTypes));
                var catalogue = rng.Pick(_catalogue.HazardousCatalogues);
                catalogueItem = catalogue.Entry(rng.Pick(catalogue.DemoEntries));
            }
            else if (rng.Percent(55)) type = _catalogue.Type(rng.Pick(industry.Typical));
            else type = _catalogue.Type(Utilities[rng.Weighted(utilityWeights)].Type);

            var age = catalogueItem is not null ? rng.Between(8, 25) : Age(rng, olderFleet);
            var commissioned = InventoryYear - age;
            int? grade = null;
            if (type.Grades is { } grades && !rng.Percent(5))
            {
                var quality = age <= 5 ? rng.Weighted([30, 50, 20]) : age <= 10 ? rng.Weighted([10, 45, 45]) : rng.Weighted([3, 25, 72]);
                grade = grades <= 3 ? Math.Min(grades, quality + 1) : Math.Min(grades, 1 + quality * 2 + rng.Next(2));
            }
            batch.Equipment.Add(new EquipmentItem
            {
                Id = ++_itemId,
                EnterpriseId = e.Id,
                Code = $"SB{commissioned.ToString(CultureInfo.InvariantCulture)}-{k.ToString("D3", CultureInfo.InvariantCulture)}",
                Type = type.Id,
                Name = ItemName(rng, type),
                Quantity = Quantity(rng, type.Id),
                CommissioningYear = commissioned,
                EfficiencyGrade = grade,
                DesignLifeYears = rng.Percent(85) ? type.DesignLifeYears : null,
                HazardousCatalogueItem = catalogueItem,
                Version = 1,
            });
            EquipmentItems++;
        }
    }

    /// <summary>Years in service: mostly recent, a tail of old equipment (older in the industries of plan task 1).</summary>
    private static int Age(SeedRandom rng, bool older)
    {
        ReadOnlySpan<int> normal = [35, 30, 20, 10, 5];
        ReadOnlySpan<int> old = [20, 25, 28, 17, 10];
        return rng.Weighted(older ? old : normal) switch
        {
            0 => rng.Between(0, 5),
            1 => rng.Between(6, 10),
            2 => rng.Between(11, 15),
            3 => rng.Between(16, 20),
            _ => rng.Between(21, 28),
        };
    }

    private static readonly int[] MotorKw = [11, 15, 22, 37, 45, 55, 75, 90, 110, 132, 160, 200];
    private static readonly int[] CompressorKw = [37, 55, 75, 90, 110, 132, 160, 250];
    private static readonly int[] TransformerKva = [630, 800, 1000, 1250, 1600, 2000, 2500];
    private static readonly int[] BoilerTph = [2, 4, 6, 10, 15, 20];

    private static string ItemName(SeedRandom rng, EquipmentType type)
    {
        var name = type.Names.Count > 0 ? rng.Pick(type.Names) : type.Name;
        return type.Id switch
        {
            "motor" => $"{name} {rng.Pick(MotorKw).ToString(CultureInfo.InvariantCulture)}kW",
            "air_compressor" => $"{name} {rng.Pick(CompressorKw).ToString(CultureInfo.InvariantCulture)}kW",
            "transformer" => $"{name} {rng.Pick(TransformerKva).ToString(CultureInfo.InvariantCulture)}kVA",
            "boiler" => $"{name} {rng.Pick(BoilerTph).ToString(CultureInfo.InvariantCulture)}t/h",
            _ => name,
        };
    }

    private static int Quantity(SeedRandom rng, string type) => type switch
    {
        "motor" => rng.Between(2, 60),
        "pump" => rng.Between(1, 16),
        "machine_tool" => rng.Between(1, 24),
        "air_compressor" => rng.Between(1, 4),
        "transformer" => rng.Between(1, 3),
        "boiler" or "steam_turbine" => rng.Between(1, 2),
        "kiln" => rng.Between(1, 4),
        _ => rng.Between(1, 6),
    };
}
