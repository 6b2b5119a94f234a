namespace Renewal.Policy.Model;

/// <summary>The identifiers used in scenario files and outputs, and their Chinese labels.</summary>
public static class Codes
{
    public static string Of(ProjectKind k) => k switch
    {
        ProjectKind.New => "new", ProjectKind.Expansion => "expansion", _ => "renovation",
    };

    public static string Of(ProjectStatus s) => s switch
    {
        ProjectStatus.Planned => "planned", ProjectStatus.InProgress => "in_progress", _ => "completed",
    };

    public static string Of(LoanCategory c) => c switch
    {
        LoanCategory.InnovationCarrier => "innovation_carrier",
        LoanCategory.DigitalTransformation => "digital_transformation",
        LoanCategory.IndustrialUpgrade => "industrial_upgrade",
        _ => "equipment_renewal",
    };

    public static string Of(Level l) => l switch
    {
        Level.Central => "central", Level.Province => "province", Level.Suzhou => "suzhou", _ => "kunshan",
    };

    public static string Of(Scheme s) => s switch
    {
        Scheme.Demonstration => "demonstration",
        Scheme.EffectiveInvestment => "effective_investment",
        Scheme.TechRenovation => "tech_renovation",
        _ => "loan_interest",
    };

    public static bool TryParse(string? text, out ProjectKind value)
    {
        (var ok, value) = text switch
        {
            "new" => (true, ProjectKind.New),
            "expansion" => (true, ProjectKind.Expansion),
            "renovation" => (true, ProjectKind.Renovation),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryParse(string? text, out ProjectStatus value)
    {
        (var ok, value) = text switch
        {
            "planned" => (true, ProjectStatus.Planned),
            "in_progress" => (true, ProjectStatus.InProgress),
            "completed" => (true, ProjectStatus.Completed),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryParse(string? text, out LoanCategory value)
    {
        (var ok, value) = text switch
        {
            "innovation_carrier" => (true, LoanCategory.InnovationCarrier),
            "digital_transformation" => (true, LoanCategory.DigitalTransformation),
            "industrial_upgrade" => (true, LoanCategory.IndustrialUpgrade),
            "equipment_renewal" => (true, LoanCategory.EquipmentRenewal),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryParse(string? text, out Level value)
    {
        (var ok, value) = text switch
        {
            "central" => (true, Level.Central),
            "province" => (true, Level.Province),
            "suzhou" => (true, Level.Suzhou),
            "kunshan" => (true, Level.Kunshan),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryParse(string? text, out Scheme value)
    {
        (var ok, value) = text switch
        {
            "demonstration" => (true, Scheme.Demonstration),
            "effective_investment" => (true, Scheme.EffectiveInvestment),
            "tech_renovation" => (true, Scheme.TechRenovation),
            "loan_interest" => (true, Scheme.LoanInterest),
            _ => (false, default),
        };
        return ok;
    }

    /// <summary>Chinese name of a scheme.</summary>
    public static string Label(Scheme s) => s switch
    {
        Scheme.Demonstration => "重大示范项目奖励",
        Scheme.EffectiveInvestment => "有效投入奖补",
        Scheme.TechRenovation => "技改综合奖补",
        _ => "贷款贴息",
    };

    /// <summary>Chinese name of a level.</summary>
    public static string Label(Level l) => l switch
    {
        Level.Central => "中央", Level.Province => "省级", Level.Suzhou => "苏州市级", _ => "昆山市级",
    };

    /// <summary>Chinese name of a project status.</summary>
    public static string Label(ProjectStatus s) => s switch
    {
        ProjectStatus.Planned => "计划", ProjectStatus.InProgress => "在建", _ => "竣工",
    };

    /// <summary>Chinese name of a project kind.</summary>
    public static string Label(ProjectKind k) => k switch
    {
        ProjectKind.New => "新建", ProjectKind.Expansion => "扩建", _ => "技术改造",
    };

    /// <summary>Chinese name of a loan category.</summary>
    public static string Label(LoanCategory c) => c switch
    {
        LoanCategory.InnovationCarrier => "创新载体建设",
        LoanCategory.DigitalTransformation => "智改数转网联",
        LoanCategory.IndustrialUpgrade => "产业转型升级",
        _ => "其他设备更新",
    };

    /// <summary>The 12 plan areas (区镇) — the default configuration.</summary>
    public static readonly IReadOnlyList<string> DefaultAreas =
    [
        "昆山开发区", "昆山高新区", "花桥经济开发区", "旅游度假区", "周市镇", "陆家镇", "张浦镇",
        "巴城镇", "千灯镇", "淀山湖镇", "锦溪镇", "周庄镇",
    ];
}
