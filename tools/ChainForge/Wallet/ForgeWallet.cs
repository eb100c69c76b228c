using System.Security.Cryptography;
using System.Text;
using NBitcoin;

namespace Explorer.ChainForge.Wallet;

/// <summary>
/// Deterministic keys derived from the seed (SHA-256 of "chain-forge/{seed}/{index}"), each usable as P2PKH, P2WPKH,
/// P2SH-P2WPKH and P2TR (BIP86-style key-path output). A small key set keeps signing contexts warm.
/// </summary>
public sealed class ForgeWallet
{
    private readonly Dictionary<Script, WalletAddress> _byScript = [];
    private readonly Dictionary<(int, ScriptKind), WalletAddress> _byKey = [];

    /// <summary>Creates the wallet; <paramref name="kinds"/> limits the output types (e.g. no P2TR for a pre-taproot node).</summary>
    public ForgeWallet(int seed, int keyCount, IReadOnlyList<ScriptKind>? kinds = null)
    {
        var addresses = new List<WalletAddress>();
        for (var i = 0; i < keyCount; i++)
        {
            var secret = SHA256.HashData(Encoding.UTF8.GetBytes($"chain-forge/{seed}/{i}"));
            var key = new Key(secret);
            foreach (var kind in kinds ?? Enum.GetValues<ScriptKind>())
            {
                var address = new WalletAddress(i, key, kind, ScriptFor(key.PubKey, kind));
                _byScript[address.ScriptPubKey] = address;
                _byKey[(i, kind)] = address;
                addresses.Add(address);
            }
        }

        Addresses = addresses;
        KeyCount = keyCount;
    }

    public IReadOnlyList<WalletAddress> Addresses { get; }

    public int KeyCount { get; }

    public WalletAddress Get(int keyIndex, ScriptKind kind) => _byKey[(keyIndex, kind)];

    public bool TryFind(Script scriptPubKey, out WalletAddress address) => _byScript.TryGetValue(scriptPubKey, out address!);

    public static Script ScriptFor(PubKey pubKey, ScriptKind kind) => kind switch
    {
        ScriptKind.P2pkh => pubKey.Hash.ScriptPubKey,
        ScriptKind.P2wpkh => pubKey.WitHash.ScriptPubKey,
        ScriptKind.P2shP2wpkh => pubKey.WitHash.ScriptPubKey.Hash.ScriptPubKey,
        ScriptKind.P2tr => pubKey.GetTaprootFullPubKey().ScriptPubKey,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
