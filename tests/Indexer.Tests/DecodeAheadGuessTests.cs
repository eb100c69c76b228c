using Explorer.Indexer.Configuration;
using Explorer.Indexer.Pipeline;
using Explorer.Indexer.Storage;
using Explorer.Indexer.Tests.Support;
using Explorer.Protocols.Decoding;

namespace Explorer.Indexer.Tests;

/// <summary>
/// The parallel stage leaves carriers that may spend a colored output (the colored-UTXO set's bucket filter) to the
/// state stage instead of decoding them ahead as if nothing were colored (issue 9: that guess was wrong for every Open
/// Assets and Colu transfer). Over the whole forged demo chain the rows are, byte for byte, those of a pass that
/// decodes every carrier ahead; and the guess does leave some carriers alone.
/// </summary>
public sealed class DecodeAheadGuessTests(ForgedChains chains) : IClassFixture<ForgedChains>
{
    [Fact]
    public void Leaving_likely_transfers_to_the_state_stage_changes_no_row()
    {
        var network = ChainNetwork.Resolve("regtest");
        var (everyAhead, decodedAhead) = Pass(network, guess: false);
        var (guessed, decodedWithGuess) = Pass(network, guess: true);

        Assert.Equal(everyAhead.Count, guessed.Count);
        Assert.Equal(everyAhead, guessed);
        Assert.True(decodedWithGuess < decodedAhead, $"decoded ahead: {decodedWithGuess} with the guess, {decodedAhead} without");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Only_taproot_reveals_store_a_reveal_source_in_their_request_context(bool guess)
    {
        // The 1,000-block demo mix of KillRestartTests (seed 7): it has transactions whose input 0 spends a P2TR output
        // the reveal cache knows, without being reveals (where the bug showed).
        using var chain = new ForgedChain(Explorer.ChainForge.ScenarioSettings.Preset("demo") with { Seed = 7, Blocks = 1000 });
        // A reveal's source is the funder of the commit it spends (counterparty-core get_reveal_prevouts); any other
        // transaction's stored context must not carry one, or it would depend on what the reveal cache held (a restart
        // refills it from the last blocks only).
        var network = ChainNetwork.Resolve("regtest");
        var state = new ColoredUtxoSet();
        var colorer = new BlockColorer(state, network.Network, DecodeRequest.DefaultXcpPrefix, new VersionClock(), network.Name);
        using var source = BlocksFolderSource.Open(chain.BlocksDirectory, network.Magic);
        foreach (var block in source.Read(0, CancellationToken.None))
        {
            var parsed = BlockParser.Parse(block, network.Network, DecodeRequest.DefaultXcpPrefix, network.Name, verifyMerkleRoot: true,
                guess ? state : null);
            foreach (var row in colorer.Apply(parsed).Transactions)
            {
                if (!row.RequestJson.Contains("\"revealFunding\"", StringComparison.Ordinal)) continue;
                Assert.Equal(BlockColorer.Counterparty, row.Protocol);
                Assert.Contains("\"carrier\":\"taproot\"", row.AnswerJson, StringComparison.Ordinal);
            }
        }
        // The chain's P2TR payers are in the cache (so a wrong lookup would find them); reveals that do get their source
        // are checked by RevealFundingCacheTests and CounterpartyRevealSourceTests.
        Assert.True(state.RevealFunding.Count > 0, "the chain has P2TR payers");
    }

    private (List<string> Rows, int DecodedAhead) Pass(ChainNetwork network, bool guess)
    {
        var state = new ColoredUtxoSet();
        var colorer = new BlockColorer(state, network.Network, DecodeRequest.DefaultXcpPrefix, new VersionClock(), network.Name);
        var rows = new List<string>();
        var ahead = 0;
        using var source = BlocksFolderSource.Open(chains.Demo.BlocksDirectory, network.Magic);
        foreach (var block in source.Read(0, CancellationToken.None))
        {
            var parsed = BlockParser.Parse(block, network.Network, DecodeRequest.DefaultXcpPrefix, network.Name, verifyMerkleRoot: false,
                guess ? state : null);
            ahead += parsed.Decoded!.Count;
            var applied = colorer.Apply(parsed);
            // Every table's rows in RowBinary with one version (versions come from the clock, not from the data).
            rows.AddRange(applied.Transactions.Select(r => Bytes(w => r.Write(w, 1))));
            rows.AddRange(applied.Outputs.Select(o => Bytes(w => o.Row.Write(w, 1))));
            rows.AddRange(applied.Events.Select(r => Bytes(w => r.Write(w, 1))));
            rows.AddRange(applied.Assets.Select(r => Bytes(w => r.Write(w, 1))));
            rows.AddRange(applied.Messages.Select(r => Bytes(w => r.Write(w, 1))));
        }
        return (rows, ahead);
    }

    private static string Bytes(Action<RowBinaryWriter> write)
    {
        var writer = new RowBinaryWriter();
        write(writer);
        return Convert.ToHexString(writer.Written.Span);
    }
}
