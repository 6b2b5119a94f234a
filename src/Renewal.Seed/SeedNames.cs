using System.Globalization;
using System.Text;
using Renewal.Policy.Model;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Seed;

/// <summary>Identifiers and names of the demo library: credit codes, enterprise names, contacts, banks.</summary>
internal static class SeedNames
{
    private const string CodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private const long OldBodies = 100_000_000;        // 8 digits of a GB 11714 organization code
    private const long NewBodies = 887_503_681;        // 31^6 characters after "MA"

    /// <summary>
    /// A valid, unique 统一社会信用代码 for enterprise <paramref name="index"/>: 9 (工商) 1 (企业) 320583 (昆山市),
    /// a 9-character organization code with its GB 11714 check character, and the GB 32100 check character.
    /// Unique by construction: the organization-code body is an affine bijection of the index.
    /// </summary>
    public static string CreditCode(int index, int seed, bool newStyle)
    {
        var sb = new StringBuilder("91320583", 18);
        var offset = (long)(uint)seed * 7_919L;
        if (newStyle)
        {
            // "MA" + 6 characters of the code alphabet: registrations after 2015.
            var v = ((index * 548_571_433L) + offset) % NewBodies;
            Span<char> body = stackalloc char[6];
            for (var i = 5; i >= 0; i--) { body[i] = CodeAlphabet[(int)(v % 31)]; v /= 31; }
            sb.Append("MA").Append(body);
        }
        else
        {
            var v = ((index * 61_803_399L) + offset) % OldBodies;
            sb.Append(v.ToString("D8", CultureInfo.InvariantCulture));
        }
        sb.Append(OrganizationCheck(sb.ToString(8, 8)));
        sb.Append(Renewal.Policy.Model.CreditCode.CheckCharacter(sb.ToString().AsSpan(0, 17)));
        return sb.ToString();
    }

    /// <summary>GB 11714-1997 check character of an 8-character organization-code body.</summary>
    private static char OrganizationCheck(string body)
    {
        ReadOnlySpan<int> weights = [3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = body[i];
            var value = c is >= '0' and <= '9' ? c - '0' : c - 'A' + 10;
            sum += value * weights[i];
        }
        var check = 11 - (sum % 11);
        return check switch { 10 => 'X', 11 => '0', _ => (char)('0' + check) };
    }

    private static readonly string[] BrandFirst =
    [
        "华", "宏", "鼎", "瑞", "恒", "新", "精", "博", "泰", "联", "润", "德", "金", "创", "晟", "嘉", "汇", "鑫", "昌", "凯",
        "海", "立", "正", "万", "中", "信", "达", "盛", "益", "富", "源", "通", "佳", "兴", "亿", "天", "东", "腾", "龙", "永",
        "荣", "丰", "安", "智", "科", "辰", "睿", "翔", "铭", "卓",
    ];

    private static readonly string[] BrandSecond =
    [
        "科", "达", "盛", "源", "通", "泰", "宇", "丰", "美", "维", "力", "发", "成", "隆", "鑫", "鼎", "晨", "光", "阳", "远",
        "讯", "捷", "锐", "诚", "元", "川", "峰", "林", "茂", "威", "驰", "迪", "雅", "航", "辉", "瀚", "升", "硕", "恩", "凌",
    ];

    /// <summary>A 字号 of <paramref name="length"/> (2–4) characters.</summary>
    public static string Brand(SeedRandom rng, int length)
    {
        var a = rng.Pick(BrandFirst);
        var b = rng.Pick(BrandSecond);
        if (b == a) b = BrandSecond[(Array.IndexOf(BrandSecond, b) + 1) % BrandSecond.Length];
        return length switch
        {
            2 => a + b,
            3 => a + b + rng.Pick(BrandSecond),
            _ => a + b + rng.Pick(BrandFirst) + rng.Pick(BrandSecond),
        };
    }

    /// <summary>
    /// A registered name: 昆山{字号}{行业词}有限公司, {字号}{行业词}（昆山）有限公司 (foreign-invested), or for large
    /// firms 江苏{字号}{行业词}股份有限公司. Unique within <paramref name="used"/>.
    /// </summary>
    public static string EnterpriseName(SeedRandom rng, IReadOnlyList<string> suffixes, bool large, HashSet<string> used)
    {
        for (var attempt = 0; ; attempt++)
        {
            var brand = Brand(rng, attempt < 8 ? 2 : attempt < 24 ? 3 : 4);
            var suffix = rng.Pick(suffixes);
            var form = rng.Next(100);
            var name = large && form < 30 ? $"江苏{brand}{suffix}股份有限公司"
                : form < 72 ? $"昆山{brand}{suffix}有限公司"
                : $"{brand}{suffix}（昆山）有限公司";
            if (used.Add(name)) return name;
        }
    }

    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
        "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "沈", "顾", "陆", "钱", "蒋", "蔡", "姚", "潘",
        "范", "金", "袁", "程", "丁", "魏", "叶", "吕", "朱", "戴", "邵", "汤", "俞", "严", "倪", "卢", "施", "薛", "龚", "季",
    ];

    private static readonly string[] GivenChars =
    [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平",
        "刚", "桂", "华", "建", "国", "文", "斌", "辉", "鹏", "宇", "浩", "晨", "雪", "婷", "俊", "峰", "琳", "凯", "欣", "瑜",
        "佳", "蕾", "晓", "志", "海", "亮", "燕", "红", "春", "玲", "云", "飞", "波", "卫", "东", "荣", "新", "益", "忠", "毅",
    ];

    /// <summary>A contact person's name.</summary>
    public static string Person(SeedRandom rng) =>
        rng.Pick(Surnames) + rng.Pick(GivenChars) + (rng.Percent(65) ? rng.Pick(GivenChars) : "");

    private static readonly string[] MobilePrefixes = ["138", "139", "135", "137", "150", "151", "152", "158", "159", "187", "188", "177", "180", "181", "189", "133", "153", "199"];

    /// <summary>A mobile number or a Kunshan landline (0512-5xxxxxxx).</summary>
    public static string Phone(SeedRandom rng) => rng.Percent(70)
        ? rng.Pick(MobilePrefixes) + rng.Between(0, 99_999_999).ToString("D8", CultureInfo.InvariantCulture)
        : "0512-5" + rng.Between(0, 9_999_999).ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>Lending banks in Kunshan.</summary>
    public static readonly string[] Banks =
    [
        "中国工商银行昆山分行", "中国农业银行昆山分行", "中国银行昆山分行", "中国建设银行昆山分行", "交通银行昆山分行",
        "江苏昆山农村商业银行", "苏州银行昆山支行", "招商银行昆山支行", "浦发银行昆山支行", "兴业银行昆山支行",
        "中信银行昆山支行", "江苏银行昆山支行", "国家开发银行苏州分行", "中国进出口银行江苏省分行",
    ];

    /// <summary>The areas and their weights (开发区 and 高新区 largest).</summary>
    public static readonly int[] AreaWeights = [25, 20, 6, 4, 8, 6, 8, 6, 7, 4, 3, 3];

    /// <summary>The 12 areas (Codes.DefaultAreas), in the order of <see cref="AreaWeights"/>.</summary>
    public static IReadOnlyList<string> Areas => Codes.DefaultAreas;
}
