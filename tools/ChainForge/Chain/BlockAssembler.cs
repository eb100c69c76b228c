using System.Buffers.Binary;
using System.Security.Cryptography;
using NBitcoin;

namespace Explorer.ChainForge.Chain;

/// <summary>
/// Assembles a valid block: BIP34 coinbase, subsidy plus fees, BIP141 witness commitment, merkle root and a nonce
/// meeting the target of <see cref="RegTestBits"/>. Consensus sources: Bitcoin Core src/validation.cpp
/// (<c>GetBlockSubsidy</c>, <c>ContextualCheckBlock</c>: BIP34 "CScript() &lt;&lt; nHeight", witness commitment
/// "OP_RETURN 0xaa21a9ed ..."), src/kernel/chainparams.cpp (regtest: <c>nSubsidyHalvingInterval = 150</c>,
/// <c>powLimit</c> 7fffff..., genesis), src/consensus/merkle.cpp.
/// </summary>
public static class BlockAssembler
{
    public const uint RegTestBits = 0x207fffff;
    public const int RegTestHalvingInterval = 150;
    public const int BlockVersion = 0x20000000;
    private static readonly byte[] WitnessCommitmentHeader = [0xaa, 0x21, 0xa9, 0xed];

    public static Money Subsidy(int height)
    {
        var halvings = height / RegTestHalvingInterval;
        return halvings >= 64 ? Money.Zero : Money.Satoshis(50_0000_0000L >> halvings);
    }

    /// <summary>Builds the coinbase, the header, and grinds the nonce. <paramref name="txids"/> are those of <paramref name="transactions"/>.</summary>
    public static Block Assemble(uint256 previous, int height, uint time, Script minerScript, Money fees, long extraNonce,
        IReadOnlyList<Transaction> transactions, IReadOnlyList<uint256> txids, IReadOnlyList<uint256> wtxids)
    {
        var coinbase = Transaction.Create(Network.RegTest);
        coinbase.Version = 2;
        // BIP34: the coinbase scriptSig starts with the serialized height (as Core's miner: "<< nHeight << extraNonce").
        coinbase.Inputs.Add(new TxIn(new OutPoint(uint256.Zero, uint.MaxValue), new Script(HeightPush(height), Op.GetPushOp(extraNonce))));
        coinbase.Inputs[0].Sequence = Sequence.Final;
        coinbase.Outputs.Add(new TxOut(Subsidy(height) + fees, minerScript));

        // BIP141: "witness root hash" over wtxids with the coinbase's as 0; reserved value = 32 zero bytes in the coinbase witness.
        var witnessLeaves = new List<uint256>(transactions.Count + 1) { uint256.Zero };
        witnessLeaves.AddRange(wtxids);
        var reserved = new byte[32];
        var commitment = DoubleSha(Concat(MerkleRoot(witnessLeaves).ToBytes(), reserved));
        coinbase.Outputs.Add(new TxOut(Money.Zero, new Script(OpcodeType.OP_RETURN, Op.GetPushOp(Concat(WitnessCommitmentHeader, commitment)))));
        coinbase.Inputs[0].WitScript = new WitScript(Op.GetPushOp(reserved));

        var block = Network.RegTest.Consensus.ConsensusFactory.CreateBlock();
        block.Transactions.Add(coinbase);
        block.Transactions.AddRange(transactions);
        var leaves = new List<uint256>(transactions.Count + 1) { coinbase.GetHash() };
        leaves.AddRange(txids);
        var header = block.Header;
        header.Version = BlockVersion;
        header.HashPrevBlock = previous;
        header.HashMerkleRoot = MerkleRoot(leaves);
        header.BlockTime = DateTimeOffset.FromUnixTimeSeconds(time);
        header.Bits = new Target(RegTestBits);
        header.Nonce = Grind(header);
        return block;
    }

    /// <summary>Finds the first nonce whose header hash is at most the target.</summary>
    public static uint Grind(BlockHeader header)
    {
        var bytes = header.ToBytes();
        var target = TargetBytes(header.Bits.ToCompact());
        Span<byte> hash = stackalloc byte[32];
        for (uint nonce = 0; ; nonce++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(76), nonce);
            SHA256.HashData(bytes, hash);
            SHA256.HashData(hash, hash);
            if (LessOrEqual(hash, target))
            {
                return nonce;
            }
        }
    }

    /// <summary>Bitcoin merkle root (src/consensus/merkle.cpp): pairs hashed with SHA256d, an odd last node duplicated.</summary>
    public static uint256 MerkleRoot(IReadOnlyList<uint256> leaves)
    {
        var level = leaves.Select(l => l.ToBytes()).ToList();
        var pair = new byte[64];
        while (level.Count > 1)
        {
            var next = new List<byte[]>((level.Count + 1) / 2);
            for (var i = 0; i < level.Count; i += 2)
            {
                level[i].CopyTo(pair, 0);
                level[Math.Min(i + 1, level.Count - 1)].CopyTo(pair, 32);
                next.Add(DoubleSha(pair));
            }

            level = next;
        }

        return new uint256(level[0]);
    }

    /// <summary>Core's "CScript() &lt;&lt; nHeight": OP_1..OP_16 for small heights, else a minimal CScriptNum push.</summary>
    public static Op HeightPush(int height) => Op.GetPushOp(height);

    private static byte[] TargetBytes(uint bits)
    {
        var size = (int)(bits >> 24);
        var mantissa = bits & 0x007fffff;
        var target = new byte[32];
        for (var i = 0; i < 3; i++)
        {
            var at = size - 3 + i;
            if (at is >= 0 and < 32)
            {
                target[at] = (byte)(mantissa >> (8 * i));
            }
        }

        return target;
    }

    private static bool LessOrEqual(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> target)
    {
        for (var i = 31; i >= 0; i--)
        {
            if (hash[i] != target[i])
            {
                return hash[i] < target[i];
            }
        }

        return true;
    }

    private static byte[] DoubleSha(byte[] data) => SHA256.HashData(SHA256.HashData(data));

    private static byte[] Concat(byte[] a, byte[] b) => [.. a, .. b];
}
