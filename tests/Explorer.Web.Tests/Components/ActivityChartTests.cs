using Bunit;
using Explorer.Web.Components.Shared;
using Explorer.Web.Services;

namespace Explorer.Web.Tests.Components;

/// <summary>The SVG activity chart and the height bucketing behind it.</summary>
[Trait("Category", "Unit")]
public sealed class ActivityChartTests : MudTestContext
{
    [Fact]
    public void Buckets_cover_the_range_in_equal_widths_and_sum_the_counts()
    {
        var bars = ActivityBuckets.Of([(100, 2), (101, 3), (150, 7), (199, 1), (250, 9), (99, 9)], 100, 199, 4);

        Assert.Equal([(100u, 124u), (125u, 149u), (150u, 174u), (175u, 199u)], bars.Select(b => (b.FromHeight, b.ToHeight)));
        Assert.Equal([5UL, 0UL, 7UL, 1UL], bars.Select(b => b.Count));
    }

    [Fact]
    public void Buckets_of_a_range_not_divisible_end_with_a_shorter_bar_and_never_exceed_the_maximum()
    {
        var bars = ActivityBuckets.Of([(10, 1), (16, 4)], 10, 16, 3);

        Assert.Equal([(10u, 12u), (13u, 15u), (16u, 16u)], bars.Select(b => (b.FromHeight, b.ToHeight)));
        Assert.Equal([1UL, 0UL, 4UL], bars.Select(b => b.Count));
        Assert.Single(ActivityBuckets.Of([(5, 1)], 5, 5, 60));
        Assert.Empty(ActivityBuckets.Of([], 6, 5, 60));
        Assert.Equal(60, ActivityBuckets.Of([], 0, uint.MaxValue, 60).Count);
    }

    [Fact]
    public void Bars_are_scaled_to_the_largest_count_with_their_range_as_tooltip()
    {
        var cut = Render<ActivityChart>(p => p.Add(c => c.Bars, [new ActivityBar(1, 2, 10), new ActivityBar(3, 4, 5), new ActivityBar(5, 5, 0)]));

        var rects = cut.FindAll("rect.activity-bar");
        Assert.Equal(3, rects.Count);
        Assert.Equal(["120", "60", "0"], rects.Select(r => r.GetAttribute("height")));
        Assert.Equal(["0", "60", "120"], rects.Select(r => r.GetAttribute("y")));
        Assert.Equal("blocks 1–2: 10", rects[0].QuerySelector("title")!.TextContent);
        Assert.Equal("block 5: 0", rects[2].QuerySelector("title")!.TextContent);
        Assert.Contains("(max 10)", cut.Find("figcaption").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void No_activity_shows_the_empty_text_and_no_svg()
    {
        var cut = Render<ActivityChart>(p => p
            .Add(c => c.Bars, [new ActivityBar(1, 1, 0)])
            .Add(c => c.Empty, "<b>nothing</b>"));

        Assert.Empty(cut.FindAll("svg"));
        Assert.Equal("<b>nothing</b>", cut.Find(".activity-empty").TextContent);
    }
}
