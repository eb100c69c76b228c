namespace Explorer.Web.Services;

/// <summary>One bar of an activity chart: a range of block heights and how many things happened in it.</summary>
public sealed record ActivityBar(uint FromHeight, uint ToHeight, ulong Count)
{
    public string Label => FromHeight == ToHeight
        ? $"block {FromHeight}: {Count}"
        : $"blocks {FromHeight}–{ToHeight}: {Count}";
}
