using Explorer.Web.Components.Pages.Indexed;

namespace Explorer.Web.Tests.Components;

/// <summary>
/// A page left while its store read is in flight (the search box's navigation away from the home page, or /search
/// opening an exact hit) resumes after Dispose and reads its token again: that read must give a cancelled token, not
/// an ObjectDisposedException (which ended the circuit: "Something went wrong" on /search, seen in the E2E search flow).
/// </summary>
[Trait("Category", "Unit")]
public sealed class PageDisposalTests
{
    private sealed class ProbePage : IndexedPageBase
    {
        public CancellationToken Token => Aborted;
    }

    [Fact]
    public void A_page_left_mid_search_reads_a_cancelled_token_after_dispose()
    {
        var page = new ProbePage();
        var before = page.Token;
        Assert.False(before.IsCancellationRequested);

        page.Dispose();

        var after = page.Token;
        Assert.True(after.IsCancellationRequested);
        Assert.True(before.IsCancellationRequested);
        Assert.Throws<OperationCanceledException>(after.ThrowIfCancellationRequested);
    }

    [Fact]
    public async Task A_search_query_resumed_after_the_page_left_ends_as_a_cancelled_task()
    {
        var page = new ProbePage();
        var first = new TaskCompletionSource();
        async Task TwoReads()
        {
            await first.Task;                           // the first store read, in flight while the page is left
            await Task.Delay(Timeout.Infinite, page.Token); // the next read takes the token again
        }

        var reads = TwoReads();
        page.Dispose();
        first.SetResult();

        // ComponentBase ignores a cancelled lifecycle task; any other fault ends the circuit.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reads);
        Assert.True(reads.IsCanceled);
    }
}
