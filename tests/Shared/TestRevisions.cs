namespace Renewal.Testing;

/// <summary>Revision files the tests of several projects store and publish (POLICY.md V-1).</summary>
public static class TestRevisions
{
    /// <summary>KS-2026-01: B's rate 10 % from 2025 (the pack: 8 %), published 15 January 2026.</summary>
    public const string BRate = """
        revision:
          id: KS-2026-01
          title: 有效投入奖补比例调整为 10%
          source: 昆工信〔2026〕1号（测试用）
          published_on: 2026-01-15
          values:
            effective_investment.rate:
              - { from: 2025-01-01, until: 2027-12-31, value: 0.10, source: KS-2026-01 }
        """;
}
