using System.Collections.Immutable;
using Explorer.BlockFiles;
using Explorer.ChainForge.Live;
using NBitcoin;

namespace Explorer.Indexer.Tests.Node;

/// <summary>Writes a live node's blocks 0..<c>lastHeight</c> as a Bitcoin Core blocks folder (blk/rev, no obfuscation),
/// undo data from the outputs of the blocks already written: the folder a Core node would have left for them.</summary>
public static class NodeFolderWriter
{
    public static async Task WriteAsync(NodeRpcClient rpc, string directory, int lastHeight, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        Directory.CreateDirectory(directory);
        var outputs = new Dictionary<OutPoint, SpentOutput>();
        using var writer = new BlocksFolderWriter(directory, NetworkMagic.RegTest, new byte[8]);
        for (var h = 0; h <= lastHeight; h++)
        {
            var hash = (await rpc.CallAsync("getblockhash", ct, h)).GetString()!;
            var bytes = Convert.FromHexString((await rpc.CallAsync("getblock", ct, hash, false)).GetString()!);
            var block = Block.Load(bytes, Network.RegTest);
            var position = writer.WriteBlock(bytes);
            var undo = ImmutableArray.CreateBuilder<ImmutableArray<SpentOutput>>();
            foreach (var tx in block.Transactions.Skip(1))
                undo.Add([.. tx.Inputs.Select(i => outputs[i.PrevOut])]);
            foreach (var tx in block.Transactions)
                for (var n = 0; n < tx.Outputs.Count; n++)
                    outputs[new OutPoint(tx.GetHash(), n)] = new SpentOutput(tx.Outputs[n].Value.Satoshi, tx.Outputs[n].ScriptPubKey.ToBytes(true), h, tx.IsCoinBase);
            if (h > 0) writer.WriteUndo(position.File, block.Header.HashPrevBlock, new BlockUndo(undo.ToImmutable()));
        }
    }
}
