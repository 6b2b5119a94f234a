using Renewal.Policy.Model;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Seed;

/// <summary>The kind of renewal a seeded project is about; each maps to plan tasks (plan §二).</summary>
internal enum Theme
{
    ReplaceObsolete,
    AdvancedEquipment,
    Testing,
    Demonstration,
    SmartEquipment,
    DigitalInfrastructure,
    SmartFactory,
    GreenRetrofit,
    EnergyEfficiency,
    WasteAndWater,
    ChemicalSafety,
    SafetyEquipment,
    Capacity,
}

/// <summary>Enterprise size class.</summary>
internal enum Size
{
    Small,
    Medium,
    Large,
}

/// <summary>How the seeder draws enterprises of one industry of the catalogue.</summary>
/// <param name="Id">Industry id of the catalogue.</param>
/// <param name="Weight">Share of enterprises (‰ of the library, roughly).</param>
/// <param name="SizeWeights">Small, medium, large.</param>
/// <param name="Suffixes">行业词 of the enterprise names.</param>
/// <param name="Products">Unit and product of capacity projects (年产 N 万件 …).</param>
/// <param name="Themes">Project themes and their weights.</param>
internal sealed record IndustryProfile(
    string Id, int Weight, int[] SizeWeights, string[] Suffixes, (string Unit, string Product)[] Products, (Theme Theme, int Weight)[] Themes);

/// <summary>How the seeder builds a project of one theme.</summary>
/// <param name="Tasks">Plan tasks always set.</param>
/// <param name="Secondary">A further task, set with probability <paramref name="SecondaryPercent"/> (0 = none).</param>
/// <param name="SecondaryPercent">Percent chance of the further task.</param>
/// <param name="DigitalPermille">Range of the digital share of equipment investment, ‰.</param>
/// <param name="SizePercent">Project size relative to the enterprise's typical project.</param>
/// <param name="KindWeights">New, expansion, renovation.</param>
/// <param name="Safety">Major safety-production renovation (B-2).</param>
/// <param name="Category">Loan category of the project's loans (D-E3).</param>
/// <param name="Names">Name templates: {equipment} an item of the industry, {product}, {unit}, {n}.</param>
internal sealed record ThemeProfile(
    int[] Tasks, int Secondary, int SecondaryPercent, (int Min, int Max) DigitalPermille, int SizePercent, int[] KindWeights,
    bool Safety, LoanCategory Category, string[] Names);

/// <summary>The weights and vocabularies of the demo library.</summary>
internal static class SeedProfiles
{
    private static readonly int[] Small = [77, 19, 4];
    private static readonly int[] Tech = [66, 26, 8];
    private static readonly int[] Services = [82, 15, 3];

    public static readonly IndustryProfile[] Industries =
    [
        new("electronic_information", 300, Tech,
            ["电子科技", "电子", "光电科技", "精密电子", "半导体科技", "电路科技", "通讯科技", "智能科技", "精密工业"],
            [("万片", "高多层印制电路板"), ("万套", "精密连接器"), ("万件", "笔记本电脑结构件"), ("万颗", "光电子器件"), ("万片", "显示模组"), ("亿只", "片式电子元件")],
            [(Theme.SmartEquipment, 20), (Theme.Capacity, 20), (Theme.SmartFactory, 15), (Theme.Testing, 10), (Theme.DigitalInfrastructure, 8),
             (Theme.EnergyEfficiency, 12), (Theme.WasteAndWater, 5), (Theme.SafetyEquipment, 5), (Theme.GreenRetrofit, 5)]),
        new("equipment_manufacturing", 130, Small,
            ["智能装备", "机械", "自动化设备", "机电", "精密工业", "装备科技", "传动科技"],
            [("台", "工业机器人"), ("台", "精密减速机"), ("台（套）", "智能物流装备"), ("万件", "精密机械零部件"), ("台", "螺杆压缩机")],
            [(Theme.SmartEquipment, 20), (Theme.Capacity, 20), (Theme.SmartFactory, 12), (Theme.Testing, 10), (Theme.EnergyEfficiency, 12),
             (Theme.GreenRetrofit, 8), (Theme.ReplaceObsolete, 8), (Theme.SafetyEquipment, 5), (Theme.DigitalInfrastructure, 5)]),
        new("new_materials", 120, Small,
            ["新材料", "化工", "新材料科技", "高分子材料", "精细化工", "复合材料"],
            [("吨", "电子级化学品"), ("吨", "高性能工程塑料"), ("吨", "特种涂层材料"), ("万平方米", "玻璃纤维复合材料"), ("吨", "碳纤维制品")],
            [(Theme.ChemicalSafety, 15), (Theme.GreenRetrofit, 15), (Theme.EnergyEfficiency, 15), (Theme.WasteAndWater, 12), (Theme.Capacity, 15),
             (Theme.SmartEquipment, 10), (Theme.SmartFactory, 8), (Theme.SafetyEquipment, 10)]),
        new("machine_tool_industry", 60, Small,
            ["精密机械", "数控机床", "机床", "精机", "机械制造", "激光科技"],
            [("台", "数控机床"), ("台", "五轴加工中心"), ("台", "激光切割设备"), ("套", "机床功能部件")],
            [(Theme.ReplaceObsolete, 30), (Theme.SmartEquipment, 15), (Theme.SmartFactory, 8), (Theme.GreenRetrofit, 8), (Theme.EnergyEfficiency, 10),
             (Theme.Capacity, 15), (Theme.Testing, 5), (Theme.SafetyEquipment, 4), (Theme.WasteAndWater, 3), (Theme.DigitalInfrastructure, 2)]),
        new("construction_machinery", 50, Small,
            ["重工机械", "工程机械", "重工", "建设机械"],
            [("台", "高空作业平台"), ("台", "桩工机械"), ("台", "隧道掘进装备"), ("万件", "工程机械结构件")],
            [(Theme.ReplaceObsolete, 30), (Theme.SmartEquipment, 15), (Theme.Capacity, 15), (Theme.EnergyEfficiency, 10), (Theme.GreenRetrofit, 10),
             (Theme.SmartFactory, 8), (Theme.SafetyEquipment, 7), (Theme.Testing, 5)]),
        new("instruments", 50, Small,
            ["仪器仪表", "测控技术", "仪器", "自动化科技", "检测技术"],
            [("台", "在线分析仪器"), ("台（套）", "工业自动控制系统"), ("台", "试验机"), ("万只", "智能传感器")],
            [(Theme.ReplaceObsolete, 25), (Theme.Testing, 20), (Theme.SmartEquipment, 15), (Theme.Capacity, 15), (Theme.SmartFactory, 10),
             (Theme.EnergyEfficiency, 8), (Theme.DigitalInfrastructure, 4), (Theme.SafetyEquipment, 3)]),
        new("bio_fermentation", 60, Small,
            ["生物医药", "生物科技", "药业", "生物制药", "医疗科技"],
            [("吨", "原料药"), ("万支", "生物制剂"), ("亿片", "口服固体制剂"), ("万件", "医用耗材"), ("吨", "发酵产品")],
            [(Theme.AdvancedEquipment, 25), (Theme.Testing, 15), (Theme.ChemicalSafety, 10), (Theme.WasteAndWater, 10), (Theme.EnergyEfficiency, 10),
             (Theme.Capacity, 12), (Theme.SmartFactory, 8), (Theme.SafetyEquipment, 5), (Theme.GreenRetrofit, 5)]),
        new("textile", 40, Small,
            ["纺织", "纺织科技", "印染", "化纤", "织造"],
            [("吨", "高支纱线"), ("万米", "功能性面料"), ("万米", "印染布")],
            [(Theme.ReplaceObsolete, 35), (Theme.GreenRetrofit, 15), (Theme.WasteAndWater, 15), (Theme.EnergyEfficiency, 15), (Theme.SmartEquipment, 10),
             (Theme.SmartFactory, 5), (Theme.SafetyEquipment, 5)]),
        new("electric_bicycle", 30, Small,
            ["电动车", "车业", "新能源车业", "电动科技"],
            [("万辆", "电动自行车"), ("万套", "电动车电机"), ("万只", "电动车控制器")],
            [(Theme.ReplaceObsolete, 35), (Theme.SmartEquipment, 15), (Theme.Capacity, 15), (Theme.EnergyEfficiency, 10), (Theme.Testing, 10),
             (Theme.SmartFactory, 8), (Theme.SafetyEquipment, 7)]),
        new("photovoltaic", 30, Tech,
            ["光伏科技", "新能源科技", "光电", "太阳能科技"],
            [("GW", "高效光伏电池"), ("GW", "光伏组件"), ("万片", "单晶硅片")],
            [(Theme.AdvancedEquipment, 35), (Theme.Capacity, 20), (Theme.SmartEquipment, 12), (Theme.SmartFactory, 10), (Theme.EnergyEfficiency, 10),
             (Theme.WasteAndWater, 8), (Theme.SafetyEquipment, 5)]),
        new("power_battery", 30, Tech,
            ["新能源科技", "电池科技", "动力电池", "储能科技"],
            [("GWh", "动力锂电池"), ("GWh", "储能电池"), ("万套", "电池模组")],
            [(Theme.AdvancedEquipment, 35), (Theme.Capacity, 20), (Theme.SmartEquipment, 12), (Theme.SmartFactory, 10), (Theme.EnergyEfficiency, 8),
             (Theme.SafetyEquipment, 10), (Theme.Testing, 5)]),
        new("aviation", 8, Small,
            ["航空科技", "航空装备", "航空部件"],
            [("万件", "航空精密零部件"), ("套", "航空发动机部件")],
            [(Theme.AdvancedEquipment, 30), (Theme.Testing, 20), (Theme.SmartEquipment, 15), (Theme.Capacity, 15), (Theme.SmartFactory, 10),
             (Theme.EnergyEfficiency, 5), (Theme.SafetyEquipment, 5)]),
        new("agricultural_machinery", 12, Small,
            ["农业机械", "农机", "农业装备"],
            [("台", "智能农机"), ("万件", "农机零部件")],
            [(Theme.ReplaceObsolete, 30), (Theme.SmartEquipment, 15), (Theme.Capacity, 15), (Theme.EnergyEfficiency, 10), (Theme.GreenRetrofit, 10),
             (Theme.SmartFactory, 8), (Theme.SafetyEquipment, 5), (Theme.Testing, 5)]),
        new("power_heat", 20, Services,
            ["热电", "能源", "环保能源"],
            [("吨/小时", "蒸汽供热能力")],
            [(Theme.GreenRetrofit, 30), (Theme.EnergyEfficiency, 30), (Theme.WasteAndWater, 20), (Theme.SafetyEquipment, 10), (Theme.DigitalInfrastructure, 10)]),
        new("software", 20, Services,
            ["软件", "信息技术", "数字科技"],
            [("套", "工业软件")],
            [(Theme.DigitalInfrastructure, 60), (Theme.EnergyEfficiency, 20), (Theme.Testing, 20)]),
        new("logistics", 10, Services,
            ["物流", "供应链管理", "国际货运代理"],
            [("万托", "智能仓储")],
            [(Theme.DigitalInfrastructure, 40), (Theme.SmartEquipment, 30), (Theme.EnergyEfficiency, 30)]),
    ];

    /// <summary>Industries hosting the major demonstration projects.</summary>
    public static readonly string[] DemonstrationIndustries =
        ["electronic_information", "electronic_information", "electronic_information", "power_battery", "photovoltaic", "equipment_manufacturing", "bio_fermentation", "new_materials"];

    public static ThemeProfile Of(Theme theme) => Themes[(int)theme];

    private static readonly ThemeProfile[] Themes =
    [
        // ReplaceObsolete — task 1
        new([1], 9, 30, (0, 200), 100, [0, 10, 90], false, LoanCategory.IndustrialUpgrade,
            ["老旧{equipment}更新改造项目", "落后低效设备替代项目", "超期服役{equipment}淘汰更新项目", "{equipment}更新换代项目"]),
        // AdvancedEquipment — task 2
        new([2], 5, 40, (100, 350), 150, [5, 30, 65], false, LoanCategory.IndustrialUpgrade,
            ["{equipment}更新升级项目", "高端{equipment}购置项目", "先进{equipment}产线升级项目"]),
        // Testing — task 3
        new([3], 0, 0, (150, 450), 60, [5, 15, 80], false, LoanCategory.InnovationCarrier,
            ["中试验证平台建设项目", "检验检测设备更新项目", "可靠性试验室升级项目", "研发测试中心设备购置项目"]),
        // Demonstration — tasks 4, 5, 7
        new([4, 5, 7], 6, 40, (700, 900), 100, [20, 30, 50], false, LoanCategory.DigitalTransformation,
            ["智能制造示范工厂建设项目", "工业互联网标杆工厂建设项目", "“5G+工业互联网”融合应用示范项目", "灯塔工厂智能化改造项目"]),
        // SmartEquipment — task 5
        new([5], 7, 25, (400, 800), 100, [5, 25, 70], false, LoanCategory.DigitalTransformation,
            ["{product}智能化生产线改造项目", "工业机器人应用项目", "数控化智能化改造项目", "自动化产线升级项目"]),
        // DigitalInfrastructure — task 6
        new([6], 7, 20, (700, 1000), 60, [0, 10, 90], false, LoanCategory.DigitalTransformation,
            ["工厂5G专网建设项目", "工业PON及TSN内网改造项目", "边缘计算节点建设项目", "数据中心升级改造项目"]),
        // SmartFactory — task 7
        new([7], 5, 60, (500, 850), 150, [5, 20, 75], false, LoanCategory.DigitalTransformation,
            ["数字化车间建设项目", "智能工厂建设项目", "生产执行系统（MES）建设项目", "{product}数字化车间改造项目"]),
        // GreenRetrofit — task 8
        new([8], 9, 40, (0, 150), 80, [0, 10, 90], false, LoanCategory.IndustrialUpgrade,
            ["锅炉（窑炉）节能改造项目", "余热余压利用项目", "电机系统节能改造项目", "能量系统优化项目", "生产工艺绿色化提升项目"]),
        // EnergyEfficiency — task 9
        new([9], 8, 20, (0, 100), 40, [0, 5, 95], false, LoanCategory.EquipmentRenewal,
            ["空压站节能改造项目", "高效电机替换项目", "节能变压器更新项目", "冷水机组能效提升项目", "高效水泵更新项目", "换热系统节能改造项目"]),
        // WasteAndWater — task 10
        new([10], 8, 20, (0, 100), 50, [0, 10, 90], false, LoanCategory.IndustrialUpgrade,
            ["废水处理回用系统改造项目", "冷却循环水系统改造项目", "工业固废综合利用项目", "清洁生产改造项目"]),
        // ChemicalSafety — task 11
        new([11], 12, 40, (50, 250), 70, [0, 5, 95], true, LoanCategory.EquipmentRenewal,
            ["危险化学品生产工艺安全改造项目", "老旧反应装置自动化控制改造项目", "淘汰落后危化品工艺设备更新项目"]),
        // SafetyEquipment — task 12
        new([12], 0, 0, (100, 400), 35, [0, 5, 95], true, LoanCategory.EquipmentRenewal,
            ["安全应急监测预警系统建设项目", "消防系统升级改造项目", "智能安全防护装备配备项目"]),
        // Capacity — new or expanded capacity with advanced equipment (tasks set per industry)
        new([], 5, 50, (100, 400), 200, [45, 55, 0], false, LoanCategory.EquipmentRenewal,
            ["年产{n}{unit}{product}项目", "{product}扩产项目", "新增年产{n}{unit}{product}技改扩能项目"]),
    ];

    /// <summary>
    /// Project size (total equipment investment, yuan, before the theme's size percent and the calibration) by
    /// enterprise size: (low, high, weight ‰). Heavy-tailed: most projects are small, a few large ones carry much of the total.
    /// </summary>
    public static readonly (long Low, long High, int Weight)[][] Amounts =
    [
        [(50_000, 150_000, 200), (150_000, 400_000, 300), (400_000, 1_000_000, 250), (1_000_000, 3_000_000, 170), (3_000_000, 8_000_000, 65), (8_000_000, 20_000_000, 15)],
        [(300_000, 1_000_000, 250), (1_000_000, 3_000_000, 330), (3_000_000, 8_000_000, 250), (8_000_000, 20_000_000, 120), (20_000_000, 50_000_000, 45), (50_000_000, 100_000_000, 5)],
        [(1_000_000, 5_000_000, 250), (5_000_000, 15_000_000, 300), (15_000_000, 40_000_000, 250), (40_000_000, 100_000_000, 150), (100_000_000, 250_000_000, 50)],
    ];

    /// <summary>Start-year weights 2024, 2025, 2026, 2027 (2027: first half only).</summary>
    public static readonly int[] StartYearWeights = [34, 32, 24, 10];

    /// <summary>Completion years of the demonstration projects, in order of their hosts.</summary>
    public static readonly int[] DemonstrationYears = [2025, 2026, 2024, 2027, 2025, 2026, 2024, 2025, 2027, 2026];

    public static readonly string[] DigitalScopes =
    [
        "smart_factory_demo", "industrial_internet_benchmark", "scenario_5g", "service_transformation",
        "industrial_internet_infrastructure", "it_innovation", "data_productization", "new_it_renovation",
    ];

    public static readonly string[] NotesInProgress =
    [
        "按计划推进", "设备采购中", "部分设备已到货", "设备安装调试中", "土建完成，设备进场", "进度略滞后，已协调供应商加快交付", "软件系统部署中",
    ];
}
